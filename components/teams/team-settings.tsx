"use client";

import clsx from "clsx";
import { LoaderCircle, LogOut, Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import { changeRoleAction, leaveTeamAction, removeMemberAction } from "@/app/(chat)/team/actions";
import { formatAgo, formatDay, useDateContext } from "@/components/settings/dates";
import type { InviteView } from "@/lib/teams/invites";
import type { MemberView, TeamView } from "@/lib/teams/members";
import { Initials } from "./initials";
import { InviteForm, InviteList } from "./invites";
import { ROLE_LABELS } from "./team-context";

interface TeamSettingsProps {
  team: TeamView;
  youId: string;
  /** Owners and admins see and manage invites and the team's usage. */
  invites: InviteView[] | null;
  usage: Record<string, number> | null;
  renderedAt: number;
}

const grouped = new Intl.NumberFormat("en");

/** The team's page: its members and their roles, invites, and leaving. */
export function TeamSettings({ team, youId, invites, usage, renderedAt }: TeamSettingsProps) {
  return (
    <div className="space-y-10">
      <div className="flex flex-wrap items-center gap-4">
        <Initials text={team.name} square className="size-12 rounded-2xl bg-indigo-600 text-base text-white" />
        <div className="min-w-0 flex-1">
          <h1 data-testid="team-title" className="truncate text-2xl font-semibold tracking-tight">
            {team.name}
          </h1>
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            {team.members.length} {team.members.length === 1 ? "member" : "members"} · You are{" "}
            {ROLE_LABELS[team.role].toLowerCase()}
          </p>
        </div>
        <LeaveButton refusal={team.leaveRefusal} />
      </div>

      {invites && <InviteForm />}

      <section aria-labelledby="members-heading" className="space-y-3">
        <h2 id="members-heading" className="text-[0.9375rem] font-semibold">
          Members
        </h2>
        <ul className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {team.members.map((member) => (
            <MemberRow
              key={member.userId}
              member={member}
              you={member.userId === youId}
              tokens={usage ? (usage[member.userId] ?? 0) : null}
              renderedAt={renderedAt}
            />
          ))}
        </ul>
      </section>

      {invites && <InviteList invites={invites} renderedAt={renderedAt} />}
    </div>
  );
}

function MemberRow({
  member,
  you,
  tokens,
  renderedAt,
}: {
  member: MemberView;
  you: boolean;
  tokens: number | null;
  renderedAt: number;
}) {
  const dates = useDateContext(renderedAt);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<{ ok: boolean; error?: string }>) => {
    setError(null);
    start(async () => {
      const result = await work();
      if (!result.ok) setError(result.error ?? "Something went wrong");
    });
  };

  return (
    <li data-testid="member-row" data-email={member.email} className="flex flex-wrap items-center gap-3 px-4 py-3">
      <Initials text={member.name} />
      <div className="min-w-0 flex-1">
        <p className="flex items-center gap-2 truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">
          {member.name}
          {you && (
            <span className="rounded-full bg-zinc-100 px-1.5 py-0.5 text-[11px] font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
              You
            </span>
          )}
        </p>
        <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
          {member.email} · joined{" "}
          <span title={formatDay(member.joinedAt, dates)}>{formatAgo(member.joinedAt, dates)}</span>
        </p>
        {error && (
          <p role="alert" className="mt-1 text-xs text-red-600">
            {error}
          </p>
        )}
      </div>
      {tokens !== null && (
        <span title="Tokens used in this team this month" className="text-xs text-zinc-500 tabular-nums">
          {grouped.format(tokens)} tokens
        </span>
      )}
      {pending && <LoaderCircle className="size-4 animate-spin text-zinc-400" aria-hidden="true" />}
      {member.roleChoices.length > 0 ? (
        <select
          aria-label={`Role of ${member.name}`}
          data-testid="member-role"
          value={member.role}
          disabled={pending}
          onChange={(e) => run(() => changeRoleAction(member.userId, e.target.value))}
          className="h-8 rounded-lg border border-zinc-200 bg-white px-2 text-sm text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        >
          {[...new Set([member.role, ...member.roleChoices])].map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      ) : (
        <span
          className={clsx(
            "rounded-full px-2 py-0.5 text-xs font-medium",
            member.role === "OWNER"
              ? "bg-indigo-50 text-indigo-700 dark:bg-indigo-950/50 dark:text-indigo-300"
              : "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300",
          )}
        >
          {ROLE_LABELS[member.role]}
        </span>
      )}
      {member.removable && (
        <button
          type="button"
          data-testid="remove-member"
          aria-label={`Remove ${member.name}`}
          title="Remove from the team"
          disabled={pending}
          onClick={() => {
            if (window.confirm(`Remove ${member.name} from the team? They lose access at once.`)) {
              run(() => removeMemberAction(member.userId));
            }
          }}
          className="flex size-8 items-center justify-center rounded-lg text-zinc-400 transition-colors hover:bg-red-50 hover:text-red-600 dark:hover:bg-red-950/40"
        >
          <Trash2 className="size-4" aria-hidden="true" />
        </button>
      )}
    </li>
  );
}

/** Leaving, after a confirmation; the last owner is told at once why they cannot. */
function LeaveButton({ refusal }: { refusal: string | null }) {
  const [pending, start] = useTransition();
  const [failure, setError] = useState<string | null>(null);
  const error = refusal ?? failure;
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        data-testid="leave-team"
        disabled={pending || refusal !== null}
        aria-describedby={error ? "leave-team-error" : undefined}
        onClick={() => {
          if (!window.confirm("Leave this team? You lose access to its conversations.")) return;
          setError(null);
          start(async () => {
            const result = await leaveTeamAction();
            if (result && !result.ok) setError(result.error);
          });
        }}
        className="inline-flex h-9 items-center gap-1.5 rounded-xl border border-zinc-200 bg-white px-3 text-sm font-medium text-zinc-700 shadow-xs transition-colors hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200"
      >
        <LogOut className="size-4" aria-hidden="true" />
        Leave team
      </button>
      {error && (
        <p
          id="leave-team-error"
          data-testid="leave-team-error"
          role={refusal ? undefined : "alert"}
          className={clsx("max-w-xs text-right text-xs", refusal ? "text-zinc-500 dark:text-zinc-400" : "text-red-600")}
        >
          {error}
        </p>
      )}
    </div>
  );
}
