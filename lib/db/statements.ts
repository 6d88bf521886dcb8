import pg from "pg";
import { databaseUrl, driver, isPostgresUrl } from "./client";
import { sqliteExecute, sqliteTransact } from "./sqlite-units";
import { driveAsync, type SqlValue, type Statement, type Step, type Work } from "./unit-of-work";

/**
 * The statements every API request runs (the key lookup, the quota reservation, the turn's rows,
 * the answer with its ledger row and rollups) on the driver underneath Prisma, prepared once per
 * connection: through Prisma's client and adapter each statement cost ~0.2–0.5 ms of JavaScript,
 * 40 % of a request's CPU (BENCHMARKS.md, "Where a worker's time goes"). Prisma stays the schema,
 * the migrations and every other read and write.
 *
 * Units of work (lib/db/unit-of-work.ts) run on SQLite synchronously, inside one `BEGIN
 * IMMEDIATE` that holds the write lock for a fraction of a millisecond instead of across `await`s
 * (lib/db/sqlite-units.ts); on PostgreSQL on one pooled connection, statement after statement.
 */

export { changes, epochMs, rows, type SqlValue, type Statement, sql, type Work } from "./unit-of-work";

/** The work's statements in one transaction. */
export function transact<T>(work: () => Work<T>): Promise<T> {
  const d = driver();
  return d.kind === "sqlite" ? sqliteTransact(d.sqlite, work) : pgTransaction(d.pool, work);
}

/**
 * Writes that each stand on their own (no transaction needed): on SQLite they join the group
 * commit like a transaction; on PostgreSQL each statement runs alone, without BEGIN and COMMIT
 * around it (two round trips of three for a single statement).
 */
export function writeEach<T>(work: () => Work<T>): Promise<T> {
  const d = driver();
  return d.kind === "sqlite" ? sqliteTransact(d.sqlite, work) : driveAsync(work(), (step) => onPostgres(d.pool, step));
}

/** The work's statements each on its own, at once (reads). */
export function execute<T>(work: () => Work<T>): Promise<T> {
  const d = driver();
  if (d.kind === "sqlite") return sqliteExecute(d.sqlite, work);
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
