"use client";

import { LoaderCircle } from "lucide-react";
import { useActionState, useEffect, useRef } from "react";
import { createTeamAction } from "@/app/(chat)/team/actions";
import type { ActionResult } from "@/lib/http/action-result";

const NOT_YET: ActionResult = { ok: true };

/** Names a new team; the action creates it, switches to it and opens its members page. */
export function CreateTeamForm({ onCancel, compact = false }: { onCancel?: () => void; compact?: boolean }) {
  const [state, action, pending] = useActionState(createTeamAction, NOT_YET);
  const input = useRef<HTMLInputElement>(null);
  // Opened from the switcher's menu by a click: typing the name is the next step.
  useEffect(() => {
    if (compact) input.current?.focus();
  }, [compact]);
  return (
    <form action={action} className={compact ? "space-y-2 p-1.5" : "space-y-3"}>
      <label htmlFor="team-name" className="block text-xs font-medium text-zinc-600 dark:text-zinc-300">
        Team name
      </label>
      <input
        id="team-name"
        name="name"
        data-testid="team-name"
        required
        maxLength={60}
        ref={input}
        autoComplete="off"
        placeholder="e.g. Acme Research"
        className="block h-9 w-full rounded-lg border border-zinc-200 bg-white px-2.5 text-sm outline-none focus:border-zinc-400 focus:ring-4 focus:ring-zinc-900/5 dark:border-zinc-700 dark:bg-zinc-950"
      />
      {!state.ok && (
        <p role="alert" className="text-xs text-red-600">
          {state.error}
        </p>
      )}
      <div className="flex justify-end gap-1.5">
        {onCancel && (
          <button
            type="button"
            onClick={onCancel}
            className="h-8 rounded-lg px-2.5 text-xs font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            Cancel
          </button>
        )}
        <button
          type="submit"
          data-testid="create-team-submit"
          disabled={pending}
          className="inline-flex h-8 items-center gap-1.5 rounded-lg bg-zinc-900 px-3 text-xs font-medium text-white hover:bg-zinc-700 disabled:opacity-70 dark:bg-white dark:text-zinc-900"
        >
          {pending && <LoaderCircle className="size-3.5 animate-spin" aria-hidden="true" />}
          Create team
        </button>
      </div>
    </form>
  );
}
