import { db } from "./client";
import type { InviteRole } from "./enums";

/** Invitations to team workspaces. Only the SHA-256 of an invite's token is stored. */

export interface InviteRow {
  id: string;
  email: string;
  role: InviteRole;
  createdAt: Date;
  expiresAt: Date;
}

const rowSelect = { id: true, email: true, role: true, createdAt: true, expiresAt: true } as const;

/** Creates the invite; an earlier open invite of the same email to the same team is revoked. */
export async function insertInvite(input: {
  workspaceId: string;
  email: string;
  role: InviteRole;
  tokenHash: string;
  invitedById: string;
  expiresAt: Date;
}): Promise<InviteRow> {
  return db().$transaction(async (tx) => {
    await tx.invite.updateMany({
      where: { workspaceId: input.workspaceId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const row = await tx.invite.create({ data: input, select: rowSelect });
    return row as InviteRow;
  });
}

/** Invites neither accepted nor revoked (expired ones included, so they can be seen and renewed). */
export async function listOpenInvites(workspaceId: string): Promise<InviteRow[]> {
  const rows = await db().invite.findMany({
    where: { workspaceId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: rowSelect,
  });
  return rows as InviteRow[];
}

/** False when the team has no such open invite. */
export async function revokeInvite(id: string, workspaceId: string): Promise<boolean> {
  const { count } = await db().invite.updateMany({
    where: { id, workspaceId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

export interface InviteRecord {
  id: string;
  workspaceId: string;
  workspaceName: string;
  email: string;
  role: InviteRole;
  invitedById: string;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

export async function findInviteByHash(tokenHash: string): Promise<InviteRecord | null> {
  const row = await db().invite.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      workspaceId: true,
      email: true,
      role: true,
      invitedById: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      workspace: { select: { name: true } },
    },
  });
  if (!row) return null;
  const { workspace, ...invite } = row;
  return { ...invite, role: invite.role as InviteRole, workspaceName: workspace.name };
}

/** Whether this email holds an invite that could still be accepted. */
export async function hasUsableInvite(email: string, now: Date): Promise<boolean> {
  const count = await db().invite.count({
    where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
  });
  return count > 0;
}

/**
 * Marks the invite accepted and makes the user a member, in one transaction. The conditional
 * update lets exactly one acceptance win; false when the invite was no longer usable. A user who
 * is already a member keeps their role.
 */
export async function acceptInviteFor(invite: InviteRecord, userId: string, now: Date): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (count !== 1) return false;
    await tx.membership.upsert({
      where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId } },
      create: { workspaceId: invite.workspaceId, userId, role: invite.role },
      update: {},
    });
    return true;
  });
}
