import { randomUUID } from "node:crypto";
import { db } from "./client";
import type { TokenSource, UsageOutcome } from "./enums";
import { Prisma } from "./generated/sqlite/client";
import { type SqlValue, sql, type Work, write } from "./statements";
import { answersFromTotals, type Dimension, periodsOf, totalKeysOf, totalRows } from "./usage-totals";

/**
 * The usage rollups, written with each ledger row and read by every dashboard, which never
 * touches the ledger: UsageDaily per workspace × user × model × key and day, for views narrowed
 * to a workspace or a user; UsageTotal (usage-totals.ts) per dimension, for install-wide views.
 */

/** "YYYY-MM-DD" in UTC: the rollup's day of a moment. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export interface RollupIncrement {
  day: string;
  workspaceId: string;
  userId: string;
  model: string;
  /** "" = browser traffic. */
  apiKeyId: string;
  promptTokens: number;
  completionTokens: number;
  error: boolean;
  /** null = an unpriced model. */
  cost: number | null;
}

/** The sums every rollup row keeps, in column order. */
const SUM_COLUMNS = ["promptTokens", "completionTokens", "requests", "errors", "cost", "unpricedRequests"];
const sumColumns = SUM_COLUMNS.map((c) => `"${c}"`).join(", ");
const sumPlaceholders = SUM_COLUMNS.map(() => "?").join(", ");

/** One call's values for SUM_COLUMNS. */
const sumValues = (row: RollupIncrement): number[] => [
  row.promptTokens,
  row.completionTokens,
  1,
  row.error ? 1 : 0,
  row.cost ?? 0,
  row.cost === null ? 1 : 0,
];

/** ON CONFLICT DO UPDATE SET: the existing row's sums grow by the call's. */
const addExcluded = (table: "UsageDaily" | "UsageTotal") =>
  SUM_COLUMNS.map((c) => `"${c}" = "${table}"."${c}" + excluded."${c}"`).join(", ");

/** The UsageDaily statement for `n` rows. */
const addToDaily = (
  n: number,
) => `INSERT INTO "UsageDaily" ("id", "day", "workspaceId", "userId", "model", "apiKeyId", ${sumColumns})
  VALUES ${Array.from({ length: n }, () => `(?, ?, ?, ?, ?, ?, ${sumPlaceholders})`).join(", ")}
  ON CONFLICT ("workspaceId", "day", "userId", "model", "apiKeyId") DO UPDATE SET ${addExcluded("UsageDaily")}`;

/** The UsageTotal statement for `n` rows (6 or 8: with an API key or without). */
const addToTotals = (n: number) => `INSERT INTO "UsageTotal" ("dimension", "month", "day", "key", ${sumColumns})
  VALUES ${Array.from({ length: n }, () => `(?, ?, ?, ?, ${sumPlaceholders})`).join(", ")}
  ON CONFLICT ("dimension", "month", "day", "key") DO UPDATE SET ${addExcluded("UsageTotal")}`;

/**
 * Calls' additions to their rollups, summed by row: one UsageDaily row and its UsageTotal rows
 * per call, written as one statement each, the rows sorted (see lib/db/shared-rows.ts for why).
 * INSERT … ON CONFLICT DO UPDATE (the same on SQLite and PostgreSQL), so concurrent calls add up
 * instead of racing to create the row.
 */
export class RollupSums {
  readonly #daily: RowSums = new Map();
  readonly #totals: RowSums = new Map();

  add(call: RollupIncrement): void {
    const sums = sumValues(call);
    addToRow(this.#daily, [call.day, call.workspaceId, call.userId, call.model, call.apiKeyId], sums);
    for (const { dimension, month, day, key } of totalKeysOf(call)) {
      addToRow(this.#totals, [dimension, month, day, key], sums);
    }
  }

  *write(): Work<void> {
    const daily = sortedByKey(this.#daily);
    if (daily.length > 0) {
      yield* write({
        text: addToDaily(daily.length),
        values: daily.flatMap(({ row, sums }) => [randomUUID(), ...row, ...sums]),
      });
    }
    const totals = sortedByKey(this.#totals);
    if (totals.length > 0) {
      yield* write({ text: addToTotals(totals.length), values: totals.flatMap(({ row, sums }) => [...row, ...sums]) });
    }
  }
}

type RowSums = Map<string, { row: SqlValue[]; sums: number[] }>;

function addToRow(rows: RowSums, row: SqlValue[], sums: number[]): void {
  const id = row.join("\u0000");
  const existing = rows.get(id);
  if (existing) existing.sums = existing.sums.map((sum, i) => sum + (sums[i] ?? 0));
  else rows.set(id, { row, sums });
}

/** A map's values in the order of their keys: the one order every transaction takes shared rows in. */
export const sortedByKey = <T>(map: ReadonlyMap<string, T>): T[] =>
  [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);

/** A ledger row (UsageEvent): one provider call, as it was charged. */
export interface UsageEventRow {
  createdAt: Date;
  /** CHAT (an answer) | TITLE (a conversation's generated title). */
  purpose: "CHAT" | "TITLE";
  userId: string;
  workspaceId: string;
  conversationId: string | null;
  messageId: string | null;
  apiKeyId: string | null;
  model: string;
  provider: string | null;
  promptTokens: number;
  completionTokens: number;
  source: TokenSource;
  outcome: UsageOutcome;
  error: string | null;
  latencyMs: number;
  ttftMs: number | null;
  inputPricePer1k: number | null;
  outputPricePer1k: number | null;
  cost: number | null;
}

/** Writes a ledger row in the caller's unit of work, and adds it to the rollups it writes last. */
export function* recordUsage(row: UsageEventRow, rollups: RollupSums): Work<void> {
  yield* write(sql`INSERT INTO "UsageEvent" ("id", "createdAt", "purpose", "userId", "workspaceId",
      "conversationId", "messageId", "apiKeyId", "model", "provider", "promptTokens", "completionTokens",
      "source", "outcome", "error", "latencyMs", "ttftMs", "inputPricePer1k", "outputPricePer1k", "cost")
    VALUES (${randomUUID()}, ${row.createdAt}, ${row.purpose}, ${row.userId}, ${row.workspaceId},
      ${row.conversationId}, ${row.messageId}, ${row.apiKeyId}, ${row.model}, ${row.provider}, ${row.promptTokens},
      ${row.completionTokens}, ${row.source}, ${row.outcome}, ${row.error}, ${row.latencyMs}, ${row.ttftMs},
      ${row.inputPricePer1k}, ${row.outputPricePer1k}, ${row.cost})`);
  rollups.add({
    day: utcDay(row.createdAt),
    workspaceId: row.workspaceId,
    userId: row.userId,
    model: row.model,
    apiKeyId: row.apiKeyId ?? "",
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    error: row.outcome === "ERROR",
    cost: row.cost,
  });
}

/** What a query may see and which slice of it: days inclusive, the rest optional. */
export interface RollupFilter {
  /** null = every workspace (the system admin); otherwise only these. */
  workspaceIds: string[] | null;
  from: string;
  to: string;
  workspaceId?: string;
  model?: string;
  userId?: string;
  /** Only API traffic (apiKeyId not ""). */
  apiOnly?: boolean;
}

export interface UsageSums {
  promptTokens: number;
  completionTokens: number;
  requests: number;
  errors: number;
  /** Dollars over the priced calls. */
  cost: number;
  unpricedRequests: number;
}

export function emptySums(): UsageSums {
  return { promptTokens: 0, completionTokens: 0, requests: 0, errors: 0, cost: 0, unpricedRequests: 0 };
}

/** Adds `more` into `into` (for sums made in memory, e.g. per model over days). */
export function addSums(into: UsageSums, more: UsageSums): UsageSums {
  into.promptTokens += more.promptTokens;
  into.completionTokens += more.completionTokens;
  into.requests += more.requests;
  into.errors += more.errors;
  into.cost += more.cost;
  into.unpricedRequests += more.unpricedRequests;
  return into;
}

const SUMS = Prisma.raw(SUM_COLUMNS.map((c) => `SUM("${c}") AS "${c}"`).join(", "));

const TOKENS_DESC = Prisma.sql`SUM("promptTokens") + SUM("completionTokens") DESC`;

function where(f: RollupFilter): Prisma.Sql {
  const parts = [Prisma.sql`"day" >= ${f.from}`, Prisma.sql`"day" <= ${f.to}`];
  if (f.workspaceIds) {
    parts.push(
      f.workspaceIds.length ? Prisma.sql`"workspaceId" IN (${Prisma.join(f.workspaceIds)})` : Prisma.sql`1 = 0`,
    );
  }
  if (f.workspaceId) parts.push(Prisma.sql`"workspaceId" = ${f.workspaceId}`);
  if (f.model) parts.push(Prisma.sql`"model" = ${f.model}`);
  if (f.userId) parts.push(Prisma.sql`"userId" = ${f.userId}`);
  if (f.apiOnly) parts.push(Prisma.sql`"apiKeyId" <> ''`);
  return Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}`;
}

type Raw = Record<string, unknown>;

// SUM comes back as a bigint (PostgreSQL), a number or null (no rows): one shape for callers.
function sums(row: Raw | undefined): UsageSums {
  const n = (key: keyof UsageSums) => Number(row?.[key] ?? 0);
  return {
    promptTokens: n("promptTokens"),
    completionTokens: n("completionTokens"),
    requests: n("requests"),
    errors: n("errors"),
    cost: n("cost"),
    unpricedRequests: n("unpricedRequests"),
  };
}

// `today` (UTC): no call is recorded later, so a range reaching it reads the month rows of the
// install-wide totals (see periodsOf). Tests pin it.
export async function sumUsage(f: RollupFilter, today = utcDay(new Date())): Promise<UsageSums> {
  const rows = answersFromTotals(f, "MODEL")
    ? await db().$queryRaw<Raw[]>`SELECT ${SUMS} FROM ${totalRows("MODEL", f, periodsOf(f.from, f.to, today))}`
    : await db().$queryRaw<Raw[]>`SELECT ${SUMS} FROM "UsageDaily" ${where(f)}`;
  return sums(rows[0]);
}

/** The keys of one dimension with the most tokens, most first, as rows with a "key". */
function topKeys(
  dimension: Dimension,
  column: "userId" | "apiKeyId" | "workspaceId",
  f: RollupFilter,
  limit: number,
  today: string,
): Promise<Raw[]> {
  const source = answersFromTotals(f, dimension)
    ? Prisma.sql`SELECT "key", ${SUMS} FROM ${totalRows(dimension, f, periodsOf(f.from, f.to, today))} GROUP BY "key"`
    : Prisma.sql`SELECT ${Prisma.raw(`"${column}"`)} AS "key", ${SUMS} FROM "UsageDaily" ${where(f)}
      GROUP BY ${Prisma.raw(`"${column}"`)}`;
  return db().$queryRaw<Raw[]>`${source} ORDER BY ${TOKENS_DESC}, "key" LIMIT ${limit}`;
}

export type DayModelSums = UsageSums & { day: string; model: string };

export async function sumByDayAndModel(f: RollupFilter): Promise<DayModelSums[]> {
  const rows = answersFromTotals(f, "MODEL")
    ? await db().$queryRaw<Raw[]>`SELECT "day", "key", ${SUMS} FROM ${totalRows("MODEL", f, { months: [], days: [f] })}
      GROUP BY "day", "key" ORDER BY "day", "key"`
    : await db().$queryRaw<Raw[]>`SELECT "day", "model" AS "key", ${SUMS} FROM "UsageDaily" ${where(f)}
      GROUP BY "day", "model" ORDER BY "day", "model"`;
  return rows.map((r) => ({ day: String(r.day), model: String(r.key), ...sums(r) }));
}

export type UserSums = UsageSums & { userId: string };

/** The users with the most tokens, most first. */
export async function topUsers(f: RollupFilter, limit: number, today = utcDay(new Date())): Promise<UserSums[]> {
  const rows = await topKeys("USER", "userId", f, limit, today);
  return rows.map((r) => ({ userId: String(r.key), ...sums(r) }));
}

export type KeySums = UsageSums & { apiKeyId: string };

/** The API keys with the most tokens, most first. */
export async function topApiKeys(f: RollupFilter, limit: number, today = utcDay(new Date())): Promise<KeySums[]> {
  const rows = await topKeys("API_KEY", "apiKeyId", { ...f, apiOnly: true }, limit, today);
  return rows.map((r) => ({ apiKeyId: String(r.key), ...sums(r) }));
}

export type WorkspaceSums = UsageSums & { workspaceId: string };

/** Per workspace, the workspaces with the most tokens first. */
export async function sumByWorkspace(
  f: RollupFilter,
  limit: number,
  today = utcDay(new Date()),
): Promise<WorkspaceSums[]> {
  const rows = await topKeys("WORKSPACE", "workspaceId", f, limit, today);
  return rows.map((r) => ({ workspaceId: String(r.key), ...sums(r) }));
}

// ── The names that go with the ids, and the counts that do not come from the ledger ──

export interface WorkspaceInfo {
  id: string;
  name: string;
  kind: string;
  plan: string;
  tokenQuota: number | null;
}

export function findWorkspaces(ids: string[]): Promise<WorkspaceInfo[]> {
  return db().workspace.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, kind: true, plan: true, tokenQuota: true },
  });
}

/** Every workspace the dashboard may filter by: all of them (null) or the given ones, by name. */
export function listWorkspaces(ids: string[] | null, limit: number): Promise<WorkspaceInfo[]> {
  return db().workspace.findMany({
    where: ids ? { id: { in: ids } } : {},
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, name: true, kind: true, plan: true, tokenQuota: true },
  });
}

export interface UserInfo {
  id: string;
  name: string;
  email: string;
}

export function findUsers(ids: string[]): Promise<UserInfo[]> {
  return db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  last4: string;
  revokedAt: Date | null;
  user: { email: string };
}

export function findApiKeys(ids: string[]): Promise<ApiKeyInfo[]> {
  return db().apiKey.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, last4: true, revokedAt: true, user: { select: { email: true } } },
  });
}

/** Conversations each user started in the period (deleted ones are gone from this count). */
export async function countConversations(
  ownerIds: string[],
  workspaceIds: string[] | null,
  from: Date,
  until: Date,
): Promise<Map<string, number>> {
  if (ownerIds.length === 0) return new Map();
  const groups = await db().conversation.groupBy({
    by: ["ownerId"],
    where: {
      ownerId: { in: ownerIds },
      ...(workspaceIds ? { workspaceId: { in: workspaceIds } } : {}),
      createdAt: { gte: from, lt: until },
      deletedAt: null,
    },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.ownerId, g._count._all]));
}

/** The TEAM workspaces in which the user is OWNER or ADMIN. */
export async function teamWorkspacesAdministeredBy(userId: string): Promise<string[]> {
  const rows = await db().membership.findMany({
    where: { userId, role: { in: ["OWNER", "ADMIN"] }, workspace: { kind: "TEAM" } },
    select: { workspaceId: true },
  });
  return rows.map((r) => r.workspaceId);
}

/** Whether the user belongs to one of the workspaces (null = any). */
export async function isMemberOfAny(userId: string, workspaceIds: string[] | null): Promise<boolean> {
  const found = await db().membership.findFirst({
    where: { userId, ...(workspaceIds ? { workspaceId: { in: workspaceIds } } : {}) },
    select: { id: true },
  });
  return found !== null;
}
