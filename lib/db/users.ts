import { db } from "./client";
import type { MemberRole, UserRole, WorkspaceKind } from "./enums";

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  disabledAt: Date | null;
}

const userSelect = { id: true, email: true, name: true, role: true, disabledAt: true } as const;

export async function findUserByEmail(email: string): Promise<(UserRecord & { passwordHash: string | null }) | null> {
  const user = await db().user.findUnique({
    where: { email },
    select: { ...userSelect, passwordHash: true },
  });
  return user as (UserRecord & { passwordHash: string | null }) | null;
}

/** The signed-in user and the workspace their requests act in (personal until teams arrive). */
export async function findActiveUser(userId: string): Promise<(UserRecord & { workspaceId: string }) | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      ...userSelect,
      memberships: {
        where: { workspace: { kind: "PERSONAL" } },
        select: { workspaceId: true },
        take: 1,
      },
    },
  });
  const workspaceId = user?.memberships[0]?.workspaceId;
  if (!user || user.disabledAt || !workspaceId) return null;
  const { memberships: _, ...rest } = user;
  return { ...(rest as UserRecord), workspaceId };
}

/** A workspace as its member sees it: which one, what kind, and their role in it. */
export interface WorkspaceMembership {
  workspaceId: string;
  name: string;
  kind: WorkspaceKind;
  role: MemberRole;
}

/**
 * The signed-in user and the membership their request acts in: `requested` (the workspace
 * switcher's choice) when they are still a member of it, else their personal workspace. One
 * query, on every request, so a removed member loses the team on their very next request.
 */
export async function findSessionUser(
  userId: string,
  requested: string | null,
): Promise<{ user: UserRecord; membership: WorkspaceMembership } | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      ...userSelect,
      memberships: {
        where: { OR: [{ workspace: { kind: "PERSONAL" } }, ...(requested ? [{ workspaceId: requested }] : [])] },
        select: { role: true, workspace: { select: { id: true, name: true, kind: true } } },
      },
    },
  });
  if (!user || user.disabledAt) return null;
  const { memberships, ...record } = user;
  const chosen =
    memberships.find((m) => m.workspace.id === requested) ?? memberships.find((m) => m.workspace.kind === "PERSONAL");
  if (!chosen) return null;
  return {
    user: record as UserRecord,
    membership: {
      workspaceId: chosen.workspace.id,
      name: chosen.workspace.name,
      kind: chosen.workspace.kind as WorkspaceKind,
      role: chosen.role as MemberRole,
    },
  };
}

export async function findUserName(userId: string): Promise<string | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { name: true } });
  return user?.name ?? null;
}

export async function countUsers(): Promise<number> {
  return db().user.count();
}

/**
 * Creates the user, their personal workspace and its OWNER membership in one transaction.
 * The first user of an install becomes ADMIN.
 */
export async function createUserWithWorkspace(input: {
  email: string;
  name: string;
  passwordHash: string | null;
}): Promise<UserRecord> {
  return db().$transaction(async (tx) => {
    const isFirst = (await tx.user.count()) === 0;
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash: input.passwordHash,
        role: isFirst ? "ADMIN" : "USER",
      },
      select: userSelect,
    });
    await tx.workspace.create({
      data: {
        name: `${input.name}'s workspace`,
        kind: "PERSONAL",
        memberships: { create: { userId: user.id, role: "OWNER" } },
      },
    });
    return user as UserRecord;
  });
}

/** The stored password hash (null: an OAuth-only account, or no such user). */
export async function findPasswordHash(userId: string): Promise<string | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return user?.passwordHash ?? null;
}

export async function setUserName(userId: string, name: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { name } });
}

export async function setPasswordHash(userId: string, passwordHash: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { passwordHash } });
}

/** The version every session token of this user must carry; null when there is no such user. */
export async function findSessionVersion(userId: string): Promise<number | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

/** Raises the user's session version (ending their sessions); null when there is no such user. */
export async function raiseSessionVersion(userId: string): Promise<number | null> {
  const { count } = await db().user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  return count === 1 ? findSessionVersion(userId) : null;
}
