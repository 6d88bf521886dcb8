"use client";

import { LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useState, useTransition } from "react";
import { signOutAction } from "@/app/(chat)/actions";
import { acceptInviteAction } from "@/app/invite/[token]/actions";
import type { InviteDetails } from "@/lib/teams/invites";
import { Initials } from "./initials";
import { ROLE_LABELS } from "./team-context";

const primary =
  "inline-flex h-10 w-full items-center justify-center gap-2 rounded-xl bg-zinc-900 px-4 text-sm font-medium text-white shadow-sm transition-colors hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:ring-offset-2 disabled:opacity-70 dark:bg-white dark:text-zinc-900";
const secondary =
  "inline-flex h-10 w-full items-center justify-center rounded-xl border border-zinc-200 bg-white px-4 text-sm font-medium text-zinc-800 shadow-xs transition-colors hover:bg-zinc-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100";

const ENDED = {
  expired: "This invitation has expired. Ask the person who invited you for a new link.",
  used: "This invitation has already been used.",
} as const;

/** The invite page: who invites you where, and the one step that joins. */
export function InviteCard({
  token,
  invite,
  signedInAs,
}: {
  token: string;
  invite: InviteDetails;
  signedInAs: string | null;
}) {
  const [joining, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const join = () =>
    start(async () => {
      const result = await acceptInviteAction(token);
      if (result && !result.ok) setError(result.error);
    });
  const wrongAccount = signedInAs !== null && signedInAs.toLowerCase() !== invite.email.toLowerCase();

  return (
    <div data-testid="invite-card" className="flex flex-col items-center gap-5 text-center">
      <Initials text={invite.teamName} square className="size-12 rounded-2xl bg-indigo-600 text-base text-white" />
      <div className="space-y-1.5">
        <h1 className="text-xl font-semibold tracking-tight">Join {invite.teamName}</h1>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          {invite.inviterName} invited{" "}
          <span className="font-medium text-zinc-700 dark:text-zinc-200">{invite.email}</span> to join as{" "}
          {ROLE_LABELS[invite.role].toLowerCase()}.
        </p>
      </div>
      {invite.state !== "open" ? (
        <p
          role="alert"
          className="rounded-xl bg-amber-50 px-3 py-2.5 text-sm text-amber-800 dark:bg-amber-950/40 dark:text-amber-300"
        >
          {ENDED[invite.state]}
        </p>
      ) : signedInAs === null ? (
        <div className="w-full space-y-2.5">
          <Link
            href={`/register?invite=${encodeURIComponent(token)}`}
            data-testid="invite-register"
            className={primary}
          >
            Create an account and join
          </Link>
          <Link href={`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`} className={secondary}>
            I have an account: sign in
          </Link>
        </div>
      ) : wrongAccount ? (
        <div className="w-full space-y-3">
          <p role="alert" className="text-sm text-zinc-600 dark:text-zinc-300">
            You are signed in as <span className="font-medium">{signedInAs}</span>. This invitation is for another email
            address.
          </p>
          <form action={signOutAction}>
            <button type="submit" className={secondary}>
              Sign out
            </button>
          </form>
        </div>
      ) : (
        <div className="w-full space-y-2">
          <button type="button" data-testid="accept-invite" onClick={join} disabled={joining} className={primary}>
            {joining && <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />}
            Join {invite.teamName}
          </button>
          {error && (
            <p role="alert" className="text-sm text-red-600">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
