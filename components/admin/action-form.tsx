"use client";

import { type ReactNode, useActionState } from "react";
import type { ActionState } from "@/app/(admin)/admin/users/actions";

/** A form bound to a server action, showing what came of it next to the button. */
export function ActionForm({
  action,
  children,
  testId,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  children: ReactNode;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} data-testid={testId} className="flex flex-wrap items-end gap-2" aria-busy={pending}>
      {children}
      {state.error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {state.error}
        </p>
      )}
      {state.ok && !pending && (
        <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">
          {state.ok}
        </p>
      )}
    </form>
  );
}

// A field that reads as one: a darker border than the panels', an inset shadow, a muted placeholder.
export const inputClass =
  "h-8 rounded-lg border border-zinc-300 bg-white px-2.5 text-sm text-zinc-900 shadow-[inset_0_1px_2px_rgb(0_0_0/0.06)] placeholder:text-zinc-400 hover:border-zinc-400 focus-visible:border-zinc-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-300 dark:border-zinc-600 dark:bg-zinc-950 dark:text-zinc-100 dark:placeholder:text-zinc-500 dark:focus-visible:ring-zinc-600";

export const buttonClass =
  "h-8 rounded-lg border border-zinc-200 bg-white px-3 text-sm font-medium text-zinc-700 transition-colors hover:bg-zinc-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800";
