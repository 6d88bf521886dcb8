import type Database from "better-sqlite3";
import pg from "pg";
import { driver } from "./client";
import type { MemberRole } from "./enums";

/**
 * The one lookup every API request makes: the key (by its hash), its creator's state, and the
 * creator's role and limits in the key's workspace. One statement, prepared once on the driver
 * underneath Prisma (better-sqlite3 / a named `pg` statement): through Prisma the same answer took
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
  WHERE k."hash" = `;

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

/** Prisma writes SQLite dates as ISO 8601 text; PostgreSQL's `timestamp(3)` comes as epoch ms (below). */
function epochMs(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  return Date.parse(String(value));
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

// `timestamp(3)` without a zone holds UTC (Prisma writes it so); pg would read it as local time.
const TIMESTAMP_OID = 1114;
const utcTimestamps = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === TIMESTAMP_OID
      ? (text: string) => Date.parse(`${text.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

const prepared = new WeakMap<Database.Database, Database.Statement<[string], Row>>();

export async function findKeyActor(hash: string): Promise<KeyActorRow | null> {
  const d = driver();
  if (d.kind === "sqlite") {
    let statement = prepared.get(d.sqlite);
    if (!statement) {
      statement = d.sqlite.prepare<[string], Row>(`${SELECT}?`);
      prepared.set(d.sqlite, statement);
    }
    const row = statement.get(hash);
    return row ? toRecord(row) : null;
  }
  const { rows } = await d.pool.query<Row>({
    name: "spj_find_key_actor",
    text: `${SELECT}$1`,
    values: [hash],
    types: utcTimestamps,
  });
  return rows[0] ? toRecord(rows[0]) : null;
}
