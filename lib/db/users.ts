import { db } from "./client";
import type { UserRole } from "./enums";

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
