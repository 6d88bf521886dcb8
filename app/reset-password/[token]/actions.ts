"use server";

import { redirect } from "next/navigation";
import { resetPassword } from "@/lib/account/password-reset";
import { type ActionResult, actionResult } from "@/lib/http/action-result";

/** The reset page's form: anyone holding the link may use it, once (lib/account/password-reset.ts). */
export async function resetPasswordAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await actionResult(
    () => resetPassword(formData.get("token"), { password: formData.get("password") }),
    "Could not set the password",
  );
  if (!result.ok) return result;
  redirect(`/sign-in?reset=1&email=${encodeURIComponent(result.email)}`);
}
