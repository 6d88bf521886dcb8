"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { type AuthFormState, registerAction } from "@/app/(auth)/actions";
import { Field, FormError, SubmitButton } from "./fields";

const initial: AuthFormState = { errors: [], invalid: [] };

/** `invite`: registering through an invite link; the account's email is the invite's. */
export function RegisterForm({ invite }: { invite?: { token: string; email: string } }) {
  const [state, formAction, pending] = useActionState(registerAction, initial);
  const [values, setValues] = useState({ name: "", email: invite?.email ?? "", password: "" });
  const bind = (key: keyof typeof values) => ({
    value: values[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [key]: e.target.value })),
    invalid: state.invalid.includes(key),
  });

  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormError errors={state.errors} />
      {invite && <input type="hidden" name="invite" value={invite.token} />}
      <Field
        label="Name"
        name="name"
        autoComplete="name"
        placeholder="Ada Lovelace"
        required
        autoFocus
        {...bind("name")}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        placeholder="you@example.com"
        required
        readOnly={Boolean(invite)}
        {...bind("email")}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        placeholder="At least 8 characters"
        required
        {...bind("password")}
      />
      <div className="pt-1">
        <SubmitButton pending={pending} testId="register-submit">
          {pending ? "Creating account…" : "Create account"}
        </SubmitButton>
      </div>
      <p className="pt-2 text-center text-sm text-zinc-500 dark:text-zinc-400">
        Already have an account?{" "}
        <Link
          href={invite ? `/sign-in?next=${encodeURIComponent(`/invite/${invite.token}`)}` : "/sign-in"}
          data-testid="go-sign-in"
          className="rounded font-medium text-zinc-900 underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-100"
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}
