"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { changeName, changePassword, signOutEverywhere } from "@/lib/account/profile";
import { signIn } from "@/lib/auth/config";
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

/**
 * Every session ends with the change; this browser is signed in again with the new password and
 * comes back to the account page, which says so.
 */
export async function changePasswordAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const actor = await requireActor();
  const next = formData.get("next");
  const result = await actionResult(async () => {
    await changePassword(actor, { current: formData.get("current"), next });
    return {};
  }, "Could not change the password");
  if (!result.ok) return result;
  await signIn("credentials", {
    email: actor.user.email,
    password: next,
    redirectTo: "/settings/account?password=changed",
  });
  return result;
}

export async function signOutEverywhereAction(): Promise<void> {
  await signOutEverywhere(await requireActor());
  redirect("/sign-in");
}
