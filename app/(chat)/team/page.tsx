import { Users } from "lucide-react";
import type { Metadata } from "next";
import { SettingsHeader } from "@/components/settings/settings-header";
import { CreateTeamForm } from "@/components/teams/create-team-form";
import { TeamSettings } from "@/components/teams/team-settings";
import { canAdministerTeam } from "@/lib/auth/policy";
import { requirePageActor } from "@/lib/auth/session";
import { listInvites } from "@/lib/teams/invites";
import { teamMembers, teamUsage } from "@/lib/teams/members";

export const metadata: Metadata = { title: "Team" };

/** `/team`: the members and invites of the team the browser acts in. */
export default async function TeamPage() {
  const actor = await requirePageActor();
  if (actor.workspace.kind !== "TEAM") {
    return (
      <>
        <SettingsHeader section={actor.workspace.name} title="Team" />
        <div className="mx-auto w-full max-w-md px-4 pt-16 text-center">
          <span className="mx-auto flex size-12 items-center justify-center rounded-2xl border border-zinc-200 bg-zinc-50 text-zinc-500">
            <Users className="size-5" aria-hidden="true" />
          </span>
          <h1 className="mt-5 text-xl font-semibold tracking-tight">Work together in a team</h1>
          <p className="mt-2 text-sm text-zinc-500">
            Your personal workspace is yours alone. Create a team to invite colleagues, share conversations with them
            and continue theirs.
          </p>
          <div className="mt-6 rounded-xl border border-zinc-200 p-4 text-left dark:border-zinc-800">
            <CreateTeamForm />
          </div>
        </div>
      </>
    );
  }
  const team = await teamMembers(actor);
  const admin = canAdministerTeam(actor, actor.workspace);
  const [invites, usage] = admin ? await Promise.all([listInvites(actor), teamUsage(actor)]) : [null, null];
  return (
    <>
      <SettingsHeader section={team.name} title="Members" />
      <div className="scroll-thin min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto w-full max-w-3xl px-4 pt-6 pb-16 sm:px-6 sm:pt-10">
          <TeamSettings team={team} youId={actor.userId} invites={invites} usage={usage} renderedAt={Date.now()} />
        </div>
      </div>
    </>
  );
}
