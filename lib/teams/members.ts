import { z } from "zod";
import { parseInput } from "@/lib/admin/input";
import type { Actor } from "@/lib/auth/actor";
import { canChangeRole, canReadUsage, canRemoveMember, canViewTeam } from "@/lib/auth/policy";
import { MEMBER_ROLES, type MemberRole } from "@/lib/db/enums";
import { deleteMembership, findMembership, listMembers, memberTokensSince, setMemberRole } from "@/lib/db/teams";
import { AppError, notFound } from "@/lib/errors";
import { currentPeriod } from "@/lib/usage/quota";
import { membershipOf, refusal } from "./access";

/** The team's people: who is in it, their roles, removing them, leaving. */

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: MemberRole;
  joinedAt: string;
  /** The roles the actor may give this member (empty: theirs is not the actor's to change). */
  roleChoices: MemberRole[];
  /** Whether the actor may remove this member (leaving is separate). */
  removable: boolean;
}

export interface TeamView {
  workspaceId: string;
  name: string;
  /** The actor's own role. */
  role: MemberRole;
  members: MemberView[];
  /** Why the actor may not leave (the last owner), said before they try; null when they may. */
  leaveRefusal: string | null;
}

const LAST_OWNER = "A team needs an owner: make someone else an owner first";
const LAST_OWNER_LEAVING = `You are the last owner. ${LAST_OWNER}`;

/** The team the actor acts in, with its members; 404 outside a team. */
export async function teamMembers(actor: Actor): Promise<TeamView> {
  const m = await membershipOf(actor);
  if (!m || !canViewTeam(actor, m)) throw notFound("Team not found");
  const members = await listMembers(actor.workspaceId);
  return {
    workspaceId: m.workspaceId,
    name: m.name,
    role: m.role,
    members: members.map((row) => ({
      ...row,
      joinedAt: row.joinedAt.toISOString(),
      roleChoices: MEMBER_ROLES.filter((role) => canChangeRole(actor, m, row, role)),
      removable: row.userId !== actor.userId && canRemoveMember(actor, m, row),
    })),
    leaveRefusal:
      m.role === "OWNER" && members.filter((row) => row.role === "OWNER").length === 1 ? LAST_OWNER_LEAVING : null,
  };
}

/** Tokens each member spent in the team this calendar month (UTC): for owners and admins. */
export async function teamUsage(actor: Actor, now = new Date()): Promise<Record<string, number>> {
  const m = await membershipOf(actor);
  // Everyone's rows (userId null), not just the actor's own.
  if (!canReadUsage(actor, m, { workspaceId: actor.workspaceId, userId: null })) {
    throw refusal(m, "Only owners and admins see the team's usage");
  }
  return Object.fromEntries(await memberTokensSince(actor.workspaceId, `${currentPeriod(now)}-01`));
}

const UserIdSchema = z.string({ error: "Member not found" }).trim().min(1, "Member not found").max(64);
const RoleChangeSchema = z.object({
  userId: UserIdSchema,
  role: z.enum(MEMBER_ROLES, { error: "Choose owner, admin or member" }),
});

export async function changeMemberRole(actor: Actor, input: unknown): Promise<void> {
  const { userId, role } = parseInput(RoleChangeSchema, input);
  const m = await membershipOf(actor);
  const target = m ? await findMembership(actor.workspaceId, userId) : null;
  if (!m || !target) throw refusal(m, "Member not found");
  if (!canChangeRole(actor, m, target, role)) throw refusal(m, "You cannot change this member's role");
  if (target.role === role) return;
  if (!(await setMemberRole(actor.workspaceId, userId, role))) throw new AppError("conflict", LAST_OWNER);
}

/** Removes a member (or, for your own id, leaves). Their access ends with their next request. */
export async function removeMember(actor: Actor, userId: unknown): Promise<void> {
  const id = parseInput(UserIdSchema, userId);
  const m = await membershipOf(actor);
  const target = m ? await findMembership(actor.workspaceId, id) : null;
  if (!m || !target) throw refusal(m, "Member not found");
  if (!canRemoveMember(actor, m, { userId: id, role: target.role })) {
    throw refusal(m, "Only owners and admins remove members");
  }
  if (!(await deleteMembership(actor.workspaceId, id))) {
    throw new AppError("conflict", id === actor.userId ? LAST_OWNER_LEAVING : LAST_OWNER);
  }
}

export async function leaveTeam(actor: Actor): Promise<void> {
  await removeMember(actor, actor.userId);
}
