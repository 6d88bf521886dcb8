"use client";

import { CircleCheck } from "lucide-react";
import Link from "next/link";
import { useActionState, useState } from "react";
import { type ForgotPasswordState, forgotPasswordAction } from "@/app/(auth)/actions";
import { Field, FormError, SubmitButton } from "./fields";

const initial: ForgotPasswordState = { errors: [], sent: null };

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState(forgotPasswordAction, initial);
  const [email, setEmail] = useState("");
  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormError errors={state.errors} />
      {state.sent && (
        <p
          role="status"
          data-testid="forgot-password-sent"
          className="flex gap-2.5 rounded-xl border border-emerald-200 bg-emerald-50 px-3 py-2.5 text-sm text-emerald-800 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-300"
        >
          <CircleCheck className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          {state.sent}
        </p>
      )}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        placeholder="you@example.com"
        required
        autoFocus
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        invalid={state.errors.length > 0}
      />
      <SubmitButton pending={pending} testId="forgot-password-submit">
        {pending ? "Sending…" : "Send the link"}
      </SubmitButton>
      <p className="pt-2 text-center text-sm text-zinc-500 dark:text-zinc-400">
        <Link
          href="/sign-in"
          className="rounded font-medium text-zinc-900 underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-100"
        >
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
