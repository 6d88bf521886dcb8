"use client";

import clsx from "clsx";
import { LoaderCircle, MailCheck, UserPlus } from "lucide-react";
import { useState, useTransition } from "react";
import { setSignupModeAction } from "@/app/(chat)/settings/sign-up/actions";

type Mode = "open" | "invite-only";

const OPTIONS = [
  { value: "open", icon: UserPlus, label: "Open", hint: "Anyone who can reach this server can create an account." },
  {
    value: "invite-only",
    icon: MailCheck,
    label: "Invite only",
    hint: "Only people with an invite link to a team can create an account.",
  },
] as const;

/** The system admin's switch between open and invite-only sign-up. */
export function SignupSettings({ mode }: { mode: Mode }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const choose = (next: Mode) =>
    start(async () => {
      const result = await setSignupModeAction(next);
      setError(result.ok ? null : result.error);
    });
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Who can sign up</h1>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          Applies to the whole install. Existing accounts are not affected.
        </p>
      </div>
      <fieldset disabled={pending} className="grid gap-3 sm:grid-cols-2">
        <legend className="sr-only">Sign-up</legend>
        {OPTIONS.map(({ value, icon: Icon, label, hint }) => (
          <label
            key={value}
            className={clsx(
              "flex cursor-pointer gap-3 rounded-xl border p-4 transition-colors",
              mode === value
                ? "border-zinc-900 bg-zinc-50 dark:border-zinc-300 dark:bg-zinc-900"
                : "border-zinc-200 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900",
            )}
          >
            <input
              type="radio"
              name="signup"
              value={value}
              data-testid={`signup-${value}`}
              checked={mode === value}
              onChange={() => choose(value)}
              className="sr-only"
            />
            <Icon className="mt-0.5 size-5 shrink-0 text-zinc-500" aria-hidden="true" />
            <span>
              <span className="block text-sm font-medium">{label}</span>
              <span className="block text-sm text-zinc-500 dark:text-zinc-400">{hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {pending && <LoaderCircle className="size-4 animate-spin text-zinc-400" aria-label="Saving" />}
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
