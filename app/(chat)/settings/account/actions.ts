"use server";

import { revalidatePath } from "next/cache";
import { changeName, changePassword } from "@/lib/account/profile";
import { requireActor } from "@/lib/auth/session";
import { type ActionResult, actionResult } from "@/lib/http/action-result";

/** The profile page's forms: each changes the signed-in user's own account only. */

export async function changeNameAction(
  _prev: ActionResult,
  formData: FormData,
): Promise<ActionResult<{ name: string }>> {
  const result = await actionResult(
    async () => changeName(await requireActor(), formData.get("name")),
    "Could not save the name",
  );
  // The sidebar shows the name on every page.
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function changePasswordAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    await changePassword(await requireActor(), { current: formData.get("current"), next: formData.get("next") });
    return {};
  }, "Could not change the password");
}
