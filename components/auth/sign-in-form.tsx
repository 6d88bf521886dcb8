"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { type AuthFormState, signInAction } from "@/app/(auth)/actions";
import { Field, FormError, SubmitButton } from "./fields";

const initial: AuthFormState = { errors: [], invalid: [] };

/**
 * `next`: the page to return to after signing in (e.g. an invite link). `forgotPassword`: link to
 * "Forgot password?" (only with mail configured). `notice`/`email`: after a password reset.
 */
export function SignInForm({
  next,
  forgotPassword,
  notice,
  email: initialEmail = "",
}: {
  next?: string;
  forgotPassword?: boolean;
  notice?: string;
  email?: string;
}) {
  const [state, formAction, pending] = useActionState(signInAction, initial);
  // Controlled, so what was typed survives a failed attempt.
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");

  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormError errors={state.errors} />
      {notice && state.errors.length === 0 && (
        <p
          role="status"
          data-testid="sign-in-notice"
          className="rounded-xl border border-emerald-200 bg-emerald-50 px-3 py-2.5 text-sm text-emerald-800 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-300"
        >
          {notice}
        </p>
      )}
      {next && <input type="hidden" name="next" value={next} />}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        placeholder="you@example.com"
        required
        autoFocus={!initialEmail}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        invalid={state.invalid.includes("email")}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        placeholder="••••••••"
        required
        autoFocus={Boolean(initialEmail)}
        hint={
          forgotPassword && (
            <Link
              href="/forgot-password"
              data-testid="forgot-password-link"
              className="rounded text-sm text-zinc-500 underline-offset-4 hover:text-zinc-900 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-400 dark:hover:text-zinc-100"
            >
              Forgot password?
            </Link>
          )
        }
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        invalid={state.invalid.includes("password")}
      />
      <div className="pt-1">
        <SubmitButton pending={pending} testId="sign-in-submit">
          {pending ? "Signing in…" : "Sign in"}
        </SubmitButton>
      </div>
      <p className="pt-2 text-center text-sm text-zinc-500 dark:text-zinc-400">
        New to SPJ Chat?{" "}
        <Link
          href="/register"
          data-testid="go-register"
          className="rounded font-medium text-zinc-900 underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-100"
        >
          Create an account
        </Link>
      </p>
    </form>
  );
}
