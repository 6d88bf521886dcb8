"use client";

import clsx from "clsx";
import { CircleAlert, LoaderCircle } from "lucide-react";
import type { InputHTMLAttributes, ReactNode } from "react";

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "className"> {
  label: string;
  name: string;
  invalid?: boolean;
  hint?: ReactNode;
}

export function Field({ label, name, invalid, hint, ...input }: FieldProps) {
  const id = `field-${name}`;
  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline justify-between">
        <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </label>
        {hint}
      </div>
      <input
        id={id}
        name={name}
        data-testid={name}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? "auth-error" : undefined}
        className={clsx(
          "block h-10 w-full rounded-xl border bg-white px-3 text-sm text-zinc-900 shadow-xs transition-[border-color,box-shadow] outline-none placeholder:text-zinc-400",
          "focus:border-zinc-400 focus:ring-4 focus:ring-zinc-900/5",
          "dark:bg-zinc-950 dark:text-zinc-100 dark:focus:border-zinc-500 dark:focus:ring-white/10",
          invalid
            ? "border-red-300 focus:border-red-400 focus:ring-red-500/10 dark:border-red-800"
            : "border-zinc-200 dark:border-zinc-800",
        )}
        {...input}
      />
    </div>
  );
}

export function FormError({ errors }: { errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <div
      id="auth-error"
      role="alert"
      data-testid="auth-error"
      className="flex gap-2.5 rounded-xl border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-700 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-300"
    >
      <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <div className="space-y-0.5">
        {errors.map((error) => (
          <p key={error}>{error}</p>
        ))}
      </div>
    </div>
  );
}

export function SubmitButton({ pending, children, testId }: { pending: boolean; children: ReactNode; testId: string }) {
  return (
    <button
      type="submit"
      data-testid={testId}
      disabled={pending}
      aria-busy={pending || undefined}
      className={clsx(
        "inline-flex h-10 w-full items-center justify-center gap-2 rounded-xl bg-zinc-900 px-4 text-sm font-medium text-white shadow-sm transition-colors",
        "hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:ring-offset-2",
        "disabled:cursor-not-allowed disabled:opacity-70 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200 dark:focus-visible:ring-offset-zinc-900",
      )}
    >
      {pending && <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />}
      {children}
    </button>
  );
}
