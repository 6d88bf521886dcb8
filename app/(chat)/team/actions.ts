"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { requestOrigin } from "@/components/docs/origin";
import { actInWorkspace, requireActor, type SessionActor } from "@/lib/auth/session";
import { type ActionResult, actionResult } from "@/lib/http/action-result";
import { type CreatedInvite, createInvite, revokeInvite } from "@/lib/teams/invites";
import { changeMemberRole, leaveTeam, removeMember } from "@/lib/teams/members";
import { createTeam, enterWorkspace } from "@/lib/teams/workspaces";

/**
 * Teams' doors: each resolves the signed-in actor and hands the request to lib/teams, which
 * acts in the actor's current workspace only (ids from the browser name nothing outside it).
 */

const TEAM_PAGE = "/team";

/** Creates a team and switches to it. */
export async function createTeamAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await actionResult(async () => {
    const actor = await requireActor();
    return createTeam(actor, formData.get("name"));
  }, "Could not create the team");
  if (!result.ok) return result;
  await actInWorkspace(result.workspaceId);
  redirect(TEAM_PAGE);
}

/** The workspace switcher. */
export async function switchWorkspaceAction(workspaceId: string): Promise<ActionResult> {
  const result = await actionResult(async () => enterWorkspace(await requireActor(), workspaceId), "Could not switch");
  if (!result.ok) return result;
  await actInWorkspace(result.workspaceId);
  redirect("/");
}

export type InviteState = { status: "idle" } | ({ status: "done" } & ActionResult<CreatedInvite>);

export async function inviteMemberAction(_prev: InviteState, formData: FormData): Promise<InviteState> {
  const result = await actionResult(async () => {
    const actor = await requireActor();
    const input = { email: formData.get("email"), role: formData.get("role") ?? undefined };
    return createInvite(actor, input, requestOrigin(await headers()));
  }, "Could not create the invite");
  if (result.ok) revalidatePath(TEAM_PAGE);
  return { status: "done", ...result };
}

/** A change to the team's people: done as the signed-in actor, then the team page is redrawn. */
function changeTeam(work: (actor: SessionActor) => Promise<unknown>, fallback: string): Promise<ActionResult> {
  return actionResult(async () => {
    await work(await requireActor());
    revalidatePath(TEAM_PAGE);
    return {};
  }, fallback);
}

export async function revokeInviteAction(inviteId: string): Promise<ActionResult> {
  return changeTeam((actor) => revokeInvite(actor, inviteId), "Could not revoke the invite");
}

export async function changeRoleAction(userId: string, role: string): Promise<ActionResult> {
  return changeTeam((actor) => changeMemberRole(actor, { userId, role }), "Could not change the role");
}

export async function removeMemberAction(userId: string): Promise<ActionResult> {
  return changeTeam((actor) => removeMember(actor, userId), "Could not remove the member");
}

/** Leaves the team and goes back to the personal workspace. */
export async function leaveTeamAction(): Promise<ActionResult> {
  const result = await actionResult(async () => {
    await leaveTeam(await requireActor());
    return {};
  }, "Could not leave the team");
  if (!result.ok) return result;
  await actInWorkspace(null);
  redirect("/");
}
