"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { setSignupMode } from "@/lib/auth/signup";
import { type ActionResult, actionResult } from "@/lib/http/action-result";

export async function setSignupModeAction(mode: string): Promise<ActionResult> {
  return actionResult(async () => {
    await setSignupMode(await requireActor(), mode);
    revalidatePath("/settings/sign-up");
    return {};
  }, "Could not save the setting");
}
