"use client";

import { useActionState, useState } from "react";
import { resetPasswordAction } from "@/app/reset-password/[token]/actions";
import { Field, FormError, SubmitButton } from "@/components/auth/fields";
import type { ActionResult } from "@/lib/http/action-result";

const initial: ActionResult = { ok: true };

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(resetPasswordAction, initial);
  const [password, setPassword] = useState("");
  const errors = state.ok ? [] : [state.error];
  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormError errors={errors} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="username" autoComplete="username" />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        placeholder="At least 8 characters"
        required
        autoFocus
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        invalid={errors.length > 0}
      />
      <SubmitButton pending={pending} testId="reset-password-submit">
        {pending ? "Saving…" : "Set password"}
      </SubmitButton>
    </form>
  );
}
