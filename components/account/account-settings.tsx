"use client";

import clsx from "clsx";
import { CircleAlert, CircleCheck, Download, LoaderCircle, LogOut } from "lucide-react";
import { type ReactNode, useActionState, useState } from "react";
import { changeNameAction, changePasswordAction, signOutEverywhereAction } from "@/app/(chat)/settings/account/actions";
import { Field } from "@/components/auth/fields";
import type { ActionResult } from "@/lib/http/action-result";

const idle: ActionResult = { ok: true };

/** Settings → Account: name, password, and the user's data. */
export function AccountSettings({
  name,
  email,
  workspaceName,
  hasPassword,
  passwordChanged,
}: {
  name: string;
  email: string;
  workspaceName: string;
  hasPassword: boolean;
  /** Back from a password change (every other session has ended). */
  passwordChanged: boolean;
}) {
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">Account</h1>
        <p className="text-sm break-words text-zinc-500 dark:text-zinc-400">
          Signed in as <span className="font-medium text-zinc-700 dark:text-zinc-300">{email}</span>
        </p>
      </div>
      <NameForm name={name} />
      {hasPassword ? (
        <PasswordForm email={email} changed={passwordChanged} />
      ) : (
        <Section
          title="Password"
          description="This account signs in with another provider, so it has no password here."
        />
      )}
      <Section
        title="Your conversations"
        description={`Download every conversation of yours in ${workspaceName} as one zip: JSON files you can import back, and Markdown to read.`}
      >
        <a href="/api/conversations/export" download data-testid="export-all" className={buttonClass("secondary")}>
          <Download className="size-4" aria-hidden="true" />
          Export all conversations
        </a>
      </Section>
      <Section
        title="Sessions"
        description="Signed in on a computer you no longer use? End every session of your account, this one included."
      >
        <form action={signOutEverywhereAction}>
          <button type="submit" data-testid="sign-out-everywhere" className={buttonClass("secondary")}>
            <LogOut className="size-4" aria-hidden="true" />
            Sign out everywhere
          </button>
        </form>
      </Section>
    </div>
  );
}

export function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children?: ReactNode;
}) {
  return (
    <section className="rounded-xl border border-zinc-200 bg-zinc-50/60 p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900/60">
      <h2 className="text-[0.9375rem] font-semibold text-zinc-900 dark:text-zinc-100">{title}</h2>
      {description && <p className="mt-1 text-sm text-pretty text-zinc-500 dark:text-zinc-400">{description}</p>}
      {children && <div className="mt-4">{children}</div>}
    </section>
  );
}

export function buttonClass(kind: "primary" | "secondary" = "primary"): string {
  return clsx(
    "inline-flex h-10 shrink-0 items-center justify-center gap-2 rounded-xl px-4 text-sm font-medium shadow-sm transition-colors",
    "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:ring-offset-2 dark:focus-visible:ring-offset-zinc-900",
    "disabled:cursor-not-allowed disabled:opacity-70",
    kind === "primary"
      ? "bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
      : "border border-zinc-200 bg-white text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100 dark:hover:bg-zinc-700",
  );
}

export function Outcome({ state, done, testId }: { state: ActionResult; done: string | null; testId: string }) {
  if (!state.ok) {
    return (
      <p
        role="alert"
        data-testid={`${testId}-error`}
        className="flex items-center gap-2 text-sm text-red-600 dark:text-red-400"
      >
        <CircleAlert className="size-4 shrink-0" aria-hidden="true" />
        {state.error}
      </p>
    );
  }
  if (!done) return null;
  return (
    <p
      role="status"
      data-testid={`${testId}-done`}
      className="flex items-center gap-2 text-sm text-emerald-700 dark:text-emerald-400"
    >
      <CircleCheck className="size-4 shrink-0" aria-hidden="true" />
      {done}
    </p>
  );
}

function SaveButton({ pending, label, testId }: { pending: boolean; label: string; testId: string }) {
  return (
    <button
      type="submit"
      data-testid={testId}
      disabled={pending}
      aria-busy={pending || undefined}
      className={buttonClass()}
    >
      {pending && <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />}
      {label}
    </button>
  );
}

function NameForm({ name }: { name: string }) {
  const [state, action, pending] = useActionState(async (prev: ActionResult, form: FormData) => {
    const result = await changeNameAction(prev, form);
    setSaved(result.ok);
    return result;
  }, idle);
  const [saved, setSaved] = useState(false);
  return (
    <Section title="Profile" description="Your name is shown to your teams and on conversations you share.">
      <form action={action} noValidate className="space-y-3">
        <Field
          label="Name"
          name="name"
          autoComplete="name"
          defaultValue={name}
          maxLength={80}
          required
          invalid={!state.ok}
        />
        <div className="flex flex-wrap items-center gap-3">
          <SaveButton pending={pending} label="Save name" testId="save-name" />
          <Outcome state={state} done={saved ? "Name saved" : null} testId="name" />
        </div>
      </form>
    </Section>
  );
}

function PasswordForm({ email, changed }: { email: string; changed: boolean }) {
  const [done, setDone] = useState(changed);
  const [values, setValues] = useState({ current: "", next: "" });
  const [state, action, pending] = useActionState(async (prev: ActionResult, form: FormData) => {
    const result = await changePasswordAction(prev, form);
    setDone(result.ok);
    // Kept after a refusal, so a typo costs one field, not both.
    if (result.ok) setValues({ current: "", next: "" });
    return result;
  }, idle);
  const bind = (key: keyof typeof values) => ({
    value: values[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      setDone(false);
      setValues((v) => ({ ...v, [key]: e.target.value }));
    },
  });
  return (
    <Section title="Password" description="Your current password is needed to set a new one.">
      <form action={action} noValidate className="space-y-3">
        <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="Current password"
            name="current"
            type="password"
            autoComplete="current-password"
            required
            invalid={!state.ok && /current/i.test(state.error)}
            {...bind("current")}
          />
          <Field
            label="New password"
            name="next"
            type="password"
            autoComplete="new-password"
            placeholder="At least 8 characters"
            required
            invalid={!state.ok && !/current/i.test(state.error)}
            {...bind("next")}
          />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <SaveButton pending={pending} label="Change password" testId="change-password" />
          <Outcome state={state} done={done ? "Password changed" : null} testId="password" />
        </div>
      </form>
    </Section>
  );
}
