import { db } from "./client";
import type { UserRole } from "./enums";

/** Data access for operators' tasks (scripts/admin.ts through lib/admin/). */

export interface AdminUserRow {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  disabledAt: Date | null;
  createdAt: Date;
  /** The personal workspace, when there is one. */
  workspaceId: string | null;
  plan: string | null;
}

/** Every user, oldest first, with their personal workspace's plan. */
export async function listUsersWithPlans(): Promise<AdminUserRow[]> {
  const users = await db().user.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      createdAt: true,
      memberships: {
        where: { workspace: { kind: "PERSONAL" } },
        select: { workspace: { select: { id: true, plan: true } } },
        take: 1,
      },
    },
  });
  return users.map(({ memberships, ...user }) => ({
    ...user,
    role: user.role as UserRole,
    workspaceId: memberships[0]?.workspace.id ?? null,
    plan: memberships[0]?.workspace.plan ?? null,
  }));
}

export async function setUserRole(userId: string, role: UserRole): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { role } });
}

export async function setWorkspacePlan(workspaceId: string, plan: string): Promise<void> {
  await db().workspace.update({ where: { id: workspaceId }, data: { plan } });
}

/** The workspace's monthly token quota; null = the plan's. */
export async function setWorkspaceTokenQuota(workspaceId: string, tokenQuota: number | null): Promise<void> {
  await db().workspace.update({ where: { id: workspaceId }, data: { tokenQuota } });
}

/** The member's own monthly cap in the workspace; null = none. False when not a member. */
export async function setMemberTokenQuota(
  workspaceId: string,
  userId: string,
  tokenQuota: number | null,
): Promise<boolean> {
  const { count } = await db().membership.updateMany({ where: { workspaceId, userId }, data: { tokenQuota } });
  return count === 1;
}

export interface AdminApiKeyRow {
  id: string;
  name: string;
  revokedAt: Date | null;
  user: { email: string };
}

export async function findApiKeyById(id: string): Promise<AdminApiKeyRow | null> {
  return db().apiKey.findUnique({
    where: { id },
    select: { id: true, name: true, revokedAt: true, user: { select: { email: true } } },
  });
}

/** Revokes any key by id (operators only); false when it does not exist or was already revoked. */
export async function revokeApiKeyById(id: string): Promise<boolean> {
  const { count } = await db().apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}
