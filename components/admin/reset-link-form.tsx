"use client";

import { useActionState } from "react";
import { createResetLinkAction, type ResetLinkState } from "@/app/(admin)/admin/users/actions";
import { CopyButton } from "@/components/chat/copy-button";
import { buttonClass } from "./action-form";

const IDLE: ResetLinkState = { status: "idle" };

/** Makes a one-time password reset link and shows it once, to copy and pass on. */
export function ResetLinkForm({ userId }: { userId: string }) {
  const [state, action, pending] = useActionState(createResetLinkAction, IDLE);
  const link = state.status === "done" && state.ok ? state : null;
  return (
    <form action={action} data-testid="reset-link-form" className="space-y-3" aria-busy={pending}>
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className={buttonClass} disabled={pending} data-testid="create-reset-link">
        {link ? "Make a new link" : "Make a reset link"}
      </button>
      {state.status === "done" && !state.ok && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {state.error}
        </p>
      )}
      {link && (
        <div
          role="status"
          className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50/60 p-3 dark:border-emerald-900/60 dark:bg-emerald-950/30"
        >
          <div className="flex items-center gap-2">
            <code
              data-testid="reset-link"
              className="min-w-0 flex-1 font-mono text-xs break-all text-zinc-900 select-all dark:text-zinc-100"
            >
              {link.url}
            </code>
            <CopyButton
              getText={() => link.url}
              label="Copy reset link"
              testId="reset-link-copy"
              showText
              className="h-8 shrink-0 border border-zinc-200 bg-white px-2.5 text-xs font-medium text-zinc-700 shadow-xs hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200"
            />
          </div>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Works once, until{" "}
            {new Date(link.expiresAt).toLocaleString("en", {
              dateStyle: "medium",
              timeStyle: "short",
              timeZone: "UTC",
            })}{" "}
            UTC. Shown only now; earlier links of this user stop working.
          </p>
        </div>
      )}
    </form>
  );
}
