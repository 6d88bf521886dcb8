import { db } from "./client";
import type { UserRole } from "./enums";
import { actorsChanged } from "./key-actor-cache";

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

/** Users read per query: the relation load binds one parameter per user, and SQLite caps them. */
const USER_PAGE = 500;

/** Every user, oldest first, with their personal workspace's plan. */
export async function listUsersWithPlans(): Promise<AdminUserRow[]> {
  const rows: AdminUserRow[] = [];
  for (let cursor: string | undefined; ; ) {
    const users = await db().user.findMany({
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: USER_PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
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
    for (const { memberships, ...user } of users) {
      rows.push({
        ...user,
        role: user.role as UserRole,
        workspaceId: memberships[0]?.workspace.id ?? null,
        plan: memberships[0]?.workspace.plan ?? null,
      });
    }
    if (users.length < USER_PAGE) return rows;
    cursor = users.at(-1)?.id;
  }
}

export async function setUserRole(userId: string, role: UserRole): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { role } });
}

export async function setWorkspacePlan(workspaceId: string, plan: string): Promise<void> {
  await db().workspace.update({ where: { id: workspaceId }, data: { plan } });
  await actorsChanged();
}

/** The workspace's monthly token quota; null = the plan's. */
export async function setWorkspaceTokenQuota(workspaceId: string, tokenQuota: number | null): Promise<void> {
  await db().workspace.update({ where: { id: workspaceId }, data: { tokenQuota } });
  await actorsChanged();
}

/** The member's own monthly cap in the workspace; null = none. False when not a member. */
export async function setMemberTokenQuota(
  workspaceId: string,
  userId: string,
  tokenQuota: number | null,
): Promise<boolean> {
  const { count } = await db().membership.updateMany({ where: { workspaceId, userId }, data: { tokenQuota } });
  await actorsChanged();
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
  await actorsChanged();
  return count === 1;
}

// User management from the admin pages (lib/admin/user-management.ts).

export type ManagedUser = Omit<AdminUserRow, "workspaceId" | "plan">;

const managedUserSelect = { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true } as const;

/** Users whose email or name contains `query`, oldest first, a page at a time. */
export async function searchUsers(
  query: string,
  skip: number,
  take: number,
): Promise<{ users: ManagedUser[]; total: number }> {
  const where = query ? { OR: [{ email: { contains: query.toLowerCase() } }, { name: { contains: query } }] } : {};
  const [users, total] = await Promise.all([
    db().user.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip,
      take,
      select: managedUserSelect,
    }),
    db().user.count({ where }),
  ]);
  return { users: users as ManagedUser[], total };
}

export interface ManagedMembership {
  workspaceId: string;
  workspaceName: string;
  kind: string;
  plan: string;
  /** The workspace's monthly quota override; null = the plan's. */
  workspaceQuota: number | null;
  role: string;
  /** The member's own monthly cap; null = none. */
  memberQuota: number | null;
}

export async function findManagedUser(
  id: string,
): Promise<(ManagedUser & { memberships: ManagedMembership[] }) | null> {
  const user = await db().user.findUnique({
    where: { id },
    select: {
      ...managedUserSelect,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: {
          role: true,
          tokenQuota: true,
          workspace: { select: { id: true, name: true, kind: true, plan: true, tokenQuota: true } },
        },
      },
    },
  });
  if (!user) return null;
  const { memberships, ...rest } = user;
  return {
    ...(rest as ManagedUser),
    memberships: memberships.map((m) => ({
      workspaceId: m.workspace.id,
      workspaceName: m.workspace.name,
      kind: m.workspace.kind,
      plan: m.workspace.plan,
      workspaceQuota: m.workspace.tokenQuota,
      role: m.role,
      memberQuota: m.tokenQuota,
    })),
  };
}

/** Disables (a date) or enables (null) a user; false when there is no such user. */
export async function setUserDisabledAt(userId: string, disabledAt: Date | null): Promise<boolean> {
  const { count } = await db().user.updateMany({ where: { id: userId }, data: { disabledAt } });
  await actorsChanged();
  return count === 1;
}

export async function workspaceExists(id: string): Promise<boolean> {
  return (await db().workspace.count({ where: { id } })) === 1;
}
