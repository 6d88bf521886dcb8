import type Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl, driver, isPostgresUrl } from "./client";

/**
 * The statements every API request runs (the key lookup, the quota reservation, the turn's rows,
 * the answer with its ledger row and rollups) on the driver underneath Prisma, prepared once per
 * connection: through Prisma's client and adapter each statement cost ~0.2–0.5 ms of JavaScript,
 * 40 % of a request's CPU (BENCHMARKS.md, "Where a worker's time goes"). Prisma stays the schema,
 * the migrations and every other read and write.
 *
 * A unit of work is a generator that yields its statements and gets each one's result back, so
 * one body runs on both databases: on SQLite synchronously, inside one `BEGIN IMMEDIATE` that
 * holds the write lock for a fraction of a millisecond instead of across `await`s; on PostgreSQL
 * on one pooled connection, statement after statement.
 */

export type SqlValue = string | number | null | Date;

/** SQL with `?` placeholders and its values, in order. */
export interface Statement {
  readonly text: string;
  readonly values: readonly SqlValue[];
}

/** `sql\`UPDATE "T" SET "a" = ${a}\``: the values never become SQL text. */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): Statement {
  return { text: strings.join("?"), values };
}

type Step = { kind: "changes" | "rows"; statement: Statement };
export type Work<T> = Generator<Step, T, unknown>;

/** Runs a statement; gives the number of rows it changed. */
export function* changes(statement: Statement): Work<number> {
  return (yield { kind: "changes", statement }) as number;
}

/**
 * Runs a query; gives its rows. Dates come as SQLite stores them (ISO 8601 text) or, on
 * PostgreSQL, as epoch milliseconds: read them with `epochMs`.
 */
export function* rows<R>(statement: Statement): Work<R[]> {
  return (yield { kind: "rows", statement }) as R[];
}

export function epochMs(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  return Date.parse(String(value));
}

/** The work's statements in one transaction. */
export function transact<T>(work: () => Work<T>): Promise<T> {
  const d = driver();
  return d.kind === "sqlite" ? retryWhileBusy(() => sqliteTransaction(d.sqlite, work)) : pgTransaction(d.pool, work);
}

/** The work's statements each on its own (a single statement, or reads). */
export function execute<T>(work: () => Work<T>): Promise<T> {
  const d = driver();
  if (d.kind === "sqlite") return retryWhileBusy(() => drive(work(), (step) => onSqlite(d.sqlite, step)));
  return driveAsync(work(), (step) => onPostgres(d.pool, step));
}

/** Prisma's raw statements, as a transaction client has them. */
interface PrismaRaw {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<R>(query: string, ...values: unknown[]): Promise<R>;
}

/** The work inside a Prisma transaction, for writers that are on Prisma otherwise (an import, a fork). */
export function inPrismaTransaction<T>(tx: PrismaRaw, work: () => Work<T>): Promise<T> {
  const postgres = isPostgresUrl(databaseUrl());
  return driveAsync(work(), ({ kind, statement }) => {
    const text = postgres ? numbered(statement.text) : statement.text;
    return kind === "rows"
      ? tx.$queryRawUnsafe(text, ...statement.values)
      : tx.$executeRawUnsafe(text, ...statement.values);
  });
}

function drive<T>(work: Work<T>, answer: (step: Step) => unknown): T {
  let next = work.next();
  while (!next.done) next = work.next(answer(next.value));
  return next.value;
}

async function driveAsync<T>(work: Work<T>, answer: (step: Step) => Promise<unknown>): Promise<T> {
  let next = work.next();
  while (!next.done) next = work.next(await answer(next.value));
  return next.value;
}

// SQLite ---------------------------------------------------------------------------------------

const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function onSqlite(sqlite: Database.Database, { kind, statement }: Step): unknown {
  let statements = prepared.get(sqlite);
  if (!statements) {
    statements = new Map();
    prepared.set(sqlite, statements);
  }
  let ready = statements.get(statement.text);
  if (!ready) {
    ready = sqlite.prepare(statement.text);
    statements.set(statement.text, ready);
  }
  const values = statement.values.map(sqliteValue);
  return kind === "rows" ? ready.all(values) : ready.run(values).changes;
}

/** As Prisma's SQLite adapter writes dates, so that both read and sort them alike. */
const sqliteValue = (value: SqlValue) => (value instanceof Date ? value.toISOString().replace("Z", "+00:00") : value);

function sqliteTransaction<T>(sqlite: Database.Database, work: () => Work<T>): T {
  return sqlite.transaction(() => drive(work(), (step) => onSqlite(sqlite, step))).immediate();
}

/**
 * The driver's connection does not wait for the write lock (lib/db/client.ts): SQLite's own wait
 * sleeps on this thread, in steps of milliseconds, where the other writer (a worker of `npm
 * start`) holds the lock for a fraction of one. A unit of work that finds the lock taken is tried
 * again after the event loop's other work, then at growing intervals, so that a writer holding
 * the lock across `await`s (a Prisma transaction, in this process or another) can finish.
 */
async function retryWhileBusy<T>(attempt: () => T): Promise<T> {
  const deadline = Date.now() + BUSY_DEADLINE_MS;
  for (let tries = 1; ; tries++) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
    }
    await (tries <= IMMEDIATE_RETRIES
      ? new Promise(setImmediate)
      : sleep(Math.min(2 ** (tries - IMMEDIATE_RETRIES), 50)));
  }
}

const IMMEDIATE_RETRIES = 8;
const BUSY_DEADLINE_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isBusy = (error: unknown) => String((error as { code?: unknown })?.code ?? "").startsWith("SQLITE_BUSY");

// PostgreSQL -----------------------------------------------------------------------------------

const names = new Map<string, { name: string; text: string }>();

/** A named statement (pg prepares it once per connection), with `$n` placeholders. */
function pgQuery({ text, values }: Statement): pg.QueryConfig {
  let named = names.get(text);
  if (!named) {
    named = { name: `spj_${names.size}`, text: numbered(text) };
    names.set(text, named);
  }
  return { ...named, values: values.map(pgValue), types: utcTimestamps };
}

/** PostgreSQL's placeholders: `?` becomes `$1`, `$2`… */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

// `timestamp(3)` without a zone holds UTC (Prisma writes it so): ISO text with its zone ignored
// is read as UTC, and read back as epoch milliseconds (pg would take it for local time).
const pgValue = (value: SqlValue) => (value instanceof Date ? value.toISOString() : value);
const TIMESTAMP_OID = 1114;
const utcTimestamps = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === TIMESTAMP_OID
      ? (text: string) => Date.parse(`${text.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

async function onPostgres(client: pg.Pool | pg.PoolClient, { kind, statement }: Step): Promise<unknown> {
  const result = await client.query(pgQuery(statement));
  return kind === "rows" ? result.rows : (result.rowCount ?? 0);
}

async function pgTransaction<T>(pool: pg.Pool, work: () => Work<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await driveAsync(work(), (step) => onPostgres(client, step));
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    // A connection whose ROLLBACK failed is in an unknown state: the pool drops it.
    await client.query("ROLLBACK").then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    throw error;
  }
}
