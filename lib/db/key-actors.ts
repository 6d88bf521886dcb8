import type { MemberRole } from "./enums";
import { epochMs, execute, rows } from "./statements";

/**
 * The one lookup every API request makes: the key (by its hash), its creator's state, and the
 * creator's role and limits in the key's workspace. One statement, prepared once on the driver
 * underneath Prisma (lib/db/statements.ts): through Prisma the same answer took
 * two queries and ~0.5 ms of JavaScript a request (BENCHMARKS.md, "Per-request lookups").
 */
export interface KeyActorRow {
  id: string;
  workspaceId: string;
  userId: string;
  /** Epoch milliseconds, or null. */
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  userDisabledAt: number | null;
  /** Null when the creator is no longer a member of the key's workspace. */
  membership: {
    role: MemberRole;
    memberTokenQuota: number | null;
    plan: string;
    tokenQuota: number | null;
  } | null;
}

const SELECT = `SELECT k."id", k."workspaceId", k."userId", k."expiresAt", k."revokedAt", k."lastUsedAt",
    u."disabledAt" AS "userDisabledAt", m."role", m."tokenQuota" AS "memberTokenQuota",
    w."plan", w."tokenQuota" AS "workspaceTokenQuota"
  FROM "ApiKey" k
  JOIN "User" u ON u."id" = k."userId"
  LEFT JOIN "Membership" m ON m."workspaceId" = k."workspaceId" AND m."userId" = k."userId"
  LEFT JOIN "Workspace" w ON w."id" = k."workspaceId"
  WHERE k."hash" = ?`;

interface Row {
  id: string;
  workspaceId: string;
  userId: string;
  expiresAt: unknown;
  revokedAt: unknown;
  lastUsedAt: unknown;
  userDisabledAt: unknown;
  role: string | null;
  memberTokenQuota: number | null;
  plan: string | null;
  workspaceTokenQuota: number | null;
}

function toRecord(row: Row): KeyActorRow {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    userId: row.userId,
    expiresAt: epochMs(row.expiresAt),
    revokedAt: epochMs(row.revokedAt),
    lastUsedAt: epochMs(row.lastUsedAt),
    userDisabledAt: epochMs(row.userDisabledAt),
    membership:
      row.role === null || row.plan === null
        ? null
        : {
            role: row.role as MemberRole,
            memberTokenQuota: row.memberTokenQuota === null ? null : Number(row.memberTokenQuota),
            plan: row.plan,
            tokenQuota: row.workspaceTokenQuota === null ? null : Number(row.workspaceTokenQuota),
          },
  };
}

export async function findKeyActor(hash: string): Promise<KeyActorRow | null> {
  const [row] = await execute(() => rows<Row>({ text: SELECT, values: [hash] }));
  return row ? toRecord(row) : null;
}
