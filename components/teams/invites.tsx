"use client";

import clsx from "clsx";
import { CircleAlert, CircleCheck, LoaderCircle, MailPlus, X } from "lucide-react";
import { useActionState, useState, useTransition } from "react";
import { type InviteState, inviteMemberAction, revokeInviteAction } from "@/app/(chat)/team/actions";
import { CopyButton } from "@/components/chat/copy-button";
import { formatAgo, useDateContext } from "@/components/settings/dates";
import type { InviteView } from "@/lib/teams/invites";
import { ROLE_LABELS } from "./team-context";

const IDLE: InviteState = { status: "idle" };

const inputClass =
  "block h-10 w-full rounded-xl border border-zinc-200 bg-white px-3 text-sm text-zinc-900 shadow-xs outline-none transition-[border-color,box-shadow] placeholder:text-zinc-400 focus:border-zinc-400 focus:ring-4 focus:ring-zinc-900/5 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100";

const EMAIL_NOTE = {
  sent: "We emailed the link too.",
  "not-configured": "No mail server is configured: copy the link and send it yourself.",
  failed: "The email could not be sent: copy the link and send it yourself.",
} as const;

/** Invite someone by email: the link is shown to copy (and emailed when SMTP is set up). */
export function InviteForm() {
  const [state, action, pending] = useActionState(inviteMemberAction, IDLE);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const created = state.status === "done" && state.ok && state.url !== dismissed ? state : null;
  const failed = state.status === "done" && !state.ok ? state.error : null;

  return (
    <section aria-labelledby="invite-heading" className="space-y-4">
      <form
        action={action}
        noValidate
        className="rounded-xl border border-zinc-200 bg-zinc-50/60 p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900/60"
      >
        <h2 id="invite-heading" className="text-[0.9375rem] font-semibold">
          Invite people
        </h2>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
          The invite link works once, for 7 days, and only for the email address you enter.
        </p>
        <div className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
          <div className="min-w-0 flex-1 space-y-1.5">
            <label htmlFor="invite-email" className="text-sm font-medium">
              Email
            </label>
            <input
              id="invite-email"
              name="email"
              type="email"
              data-testid="invite-email"
              required
              autoComplete="off"
              placeholder="colleague@example.com"
              aria-invalid={failed ? true : undefined}
              className={inputClass}
            />
          </div>
          <div className="space-y-1.5 sm:w-36">
            <label htmlFor="invite-role" className="text-sm font-medium">
              Role
            </label>
            <select id="invite-role" name="role" data-testid="invite-role" defaultValue="MEMBER" className={inputClass}>
              <option value="MEMBER">Member</option>
              <option value="ADMIN">Admin</option>
            </select>
          </div>
          <button
            type="submit"
            data-testid="invite-submit"
            disabled={pending}
            className="inline-flex h-10 shrink-0 items-center justify-center gap-2 rounded-xl bg-zinc-900 px-4 text-sm font-medium text-white shadow-sm transition-colors hover:bg-zinc-700 disabled:opacity-70 dark:bg-white dark:text-zinc-900"
          >
            {pending ? (
              <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
            ) : (
              <MailPlus className="size-4" aria-hidden="true" />
            )}
            Create invite
          </button>
        </div>
        {failed && (
          <p role="alert" data-testid="invite-error" className="mt-3 flex items-center gap-2 text-sm text-red-600">
            <CircleAlert className="size-4 shrink-0" aria-hidden="true" />
            {failed}
          </p>
        )}
      </form>

      {created && (
        <div
          role="status"
          data-testid="invite-created"
          className="overflow-hidden rounded-xl border border-emerald-200 bg-white shadow-sm dark:border-emerald-900/60 dark:bg-zinc-900"
        >
          <div className="flex items-start gap-3 border-b border-emerald-100 bg-emerald-50/70 px-4 py-3 dark:border-emerald-900/40 dark:bg-emerald-950/30">
            <CircleCheck className="mt-0.5 size-5 shrink-0 text-emerald-600" aria-hidden="true" />
            <div className="min-w-0 flex-1 text-sm">
              <p className="font-semibold">Invite for {created.invite.email} created</p>
              <p className="text-zinc-600 dark:text-zinc-400">{EMAIL_NOTE[created.email]}</p>
            </div>
            <button
              type="button"
              aria-label="Dismiss"
              onClick={() => setDismissed(created.url)}
              className="flex size-7 items-center justify-center rounded-lg text-zinc-400 hover:bg-white/60 hover:text-zinc-700"
            >
              <X className="size-4" aria-hidden="true" />
            </button>
          </div>
          <div className="flex items-center gap-2 px-4 py-3">
            <code
              data-testid="invite-link"
              className="min-w-0 flex-1 font-mono text-[0.8125rem] break-all text-zinc-900 select-all dark:text-zinc-100"
            >
              {created.url}
            </code>
            <CopyButton
              getText={() => created.url}
              label="Copy invite link"
              testId="invite-copy"
              showText
              className="h-8 shrink-0 border border-zinc-200 bg-white px-2.5 text-xs font-medium text-zinc-700 shadow-xs hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200"
            />
          </div>
        </div>
      )}
    </section>
  );
}

/** Invites not yet accepted, with the way to take them back. */
export function InviteList({ invites, renderedAt }: { invites: InviteView[]; renderedAt: number }) {
  const dates = useDateContext(renderedAt);
  if (invites.length === 0) return null;
  return (
    <section aria-labelledby="pending-heading" className="space-y-3">
      <h2 id="pending-heading" className="text-[0.9375rem] font-semibold">
        Pending invites
      </h2>
      <ul className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {invites.map((invite) => (
          <li key={invite.id} data-testid="invite-row" className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
            <span className="min-w-0 flex-1 truncate font-medium">{invite.email}</span>
            <span className="text-xs text-zinc-500">{ROLE_LABELS[invite.role]}</span>
            <span className={clsx("text-xs", invite.expired ? "text-amber-700" : "text-zinc-500")}>
              {invite.expired ? "Expired" : `Sent ${formatAgo(invite.createdAt, dates)}`}
            </span>
            <RevokeInvite id={invite.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function RevokeInvite({ id }: { id: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        data-testid="revoke-invite"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await revokeInviteAction(id);
            setError(result.ok ? null : result.error);
          })
        }
        className="h-8 rounded-lg px-2.5 text-xs font-medium text-zinc-600 transition-colors hover:bg-red-50 hover:text-red-600 disabled:opacity-60 dark:text-zinc-300"
      >
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {error && <span className="w-full text-xs text-red-600">{error}</span>}
    </>
  );
}
