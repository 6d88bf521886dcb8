import { type Db, db } from "./client";
import type { MemberRole, WorkspaceKind } from "./enums";
import { actorsChanged } from "./key-actor-cache";
import type { WorkspaceMembership } from "./users";

/** Team workspaces and their memberships. */

type Tx = Pick<Db, "membership" | "apiKey">;

const membershipSelect = { role: true, workspace: { select: { id: true, name: true, kind: true } } } as const;

function toMembership(row: {
  role: string;
  workspace: { id: string; name: string; kind: string };
}): WorkspaceMembership {
  return {
    workspaceId: row.workspace.id,
    name: row.workspace.name,
    kind: row.workspace.kind as WorkspaceKind,
    role: row.role as MemberRole,
  };
}

/** The user's membership in the workspace, or null when they are not (or no longer) a member. */
export async function findMembership(workspaceId: string, userId: string): Promise<WorkspaceMembership | null> {
  const row = await db().membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: membershipSelect,
  });
  return row ? toMembership(row) : null;
}

/** Every workspace the user belongs to: the personal one first, then teams by name. */
export async function listMemberships(userId: string): Promise<WorkspaceMembership[]> {
  const rows = await db().membership.findMany({ where: { userId }, select: membershipSelect });
  return rows
    .map(toMembership)
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "PERSONAL" ? -1 : 1));
}

export async function createTeamWorkspace(input: { name: string; ownerId: string }): Promise<{ id: string }> {
  return db().workspace.create({
    data: { name: input.name, kind: "TEAM", memberships: { create: { userId: input.ownerId, role: "OWNER" } } },
    select: { id: true },
  });
}

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: MemberRole;
  joinedAt: Date;
}

/** The team's members: owners first, then admins, then members, each by name. */
export async function listMembers(workspaceId: string): Promise<MemberRow[]> {
  const rows = await db().membership.findMany({
    where: { workspaceId },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  const rank: Record<string, number> = { OWNER: 0, ADMIN: 1, MEMBER: 2 };
  return rows
    .map((r) => ({
      userId: r.user.id,
      name: r.user.name,
      email: r.user.email,
      role: r.role as MemberRole,
      joinedAt: r.createdAt,
    }))
    .sort((a, b) => (rank[a.role] ?? 3) - (rank[b.role] ?? 3) || a.name.localeCompare(b.name));
}

/**
 * Tokens each user spent in the workspace from `fromDay` ("YYYY-MM-DD", UTC) on, read from the
 * daily rollups (written with every ledger row), not the ledger itself.
 */
export async function memberTokensSince(workspaceId: string, fromDay: string): Promise<Map<string, number>> {
  const rows = await db().usageDaily.groupBy({
    by: ["userId"],
    where: { workspaceId, day: { gte: fromDay } },
    _sum: { promptTokens: true, completionTokens: true },
  });
  return new Map(rows.map((r) => [r.userId, (r._sum.promptTokens ?? 0) + (r._sum.completionTokens ?? 0)]));
}

/**
 * Runs a membership change so that a team never ends without an owner. The workspace row is
 * written first: on PostgreSQL that row lock queues concurrent changes of one team behind each
 * other (two owners demoting each other at once), and SQLite serializes writers anyway. Returns
 * false (and changes nothing) when the change would leave no owner.
 */
async function keepingAnOwner(workspaceId: string, change: (tx: Tx) => Promise<void>): Promise<boolean> {
  try {
    await db().$transaction(async (tx) => {
      await tx.workspace.update({ where: { id: workspaceId }, data: { updatedAt: new Date() } });
      await change(tx);
      if ((await tx.membership.count({ where: { workspaceId, role: "OWNER" } })) === 0) throw new NoOwnerLeft();
    });
    return true;
  } catch (error) {
    if (error instanceof NoOwnerLeft) return false;
    throw error;
  }
}

class NoOwnerLeft extends Error {}

export async function setMemberRole(workspaceId: string, userId: string, role: MemberRole): Promise<boolean> {
  const changed = await keepingAnOwner(workspaceId, async (tx) => {
    await tx.membership.update({ where: { workspaceId_userId: { workspaceId, userId } }, data: { role } });
  });
  await actorsChanged();
  return changed;
}

/**
 * Removes the member. Their API keys in this workspace are revoked with it, so that being
 * invited back later does not bring old keys back to life. Their conversations and their rows
 * in the usage ledger stay.
 */
export async function deleteMembership(workspaceId: string, userId: string): Promise<boolean> {
  const removed = await keepingAnOwner(workspaceId, async (tx) => {
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId, userId } } });
    await tx.apiKey.updateMany({ where: { workspaceId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  });
  await actorsChanged();
  return removed;
}
