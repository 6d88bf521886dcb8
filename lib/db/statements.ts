import { databaseUrl, driver, isPostgresUrl } from "./client";
import { numbered, pgEach, pgTransaction } from "./postgres-units";
import { sqliteExecute, sqliteTransact } from "./sqlite-units";
import { driveAsync, type Work } from "./unit-of-work";

/**
 * The statements every API request runs (the key lookup, the quota reservation, the turn's rows,
 * the answer with its ledger row and rollups) on the driver underneath Prisma, prepared once per
 * connection: through Prisma's client and adapter each statement cost ~0.2–0.5 ms of JavaScript,
 * 40 % of a request's CPU (BENCHMARKS.md, "Where a worker's time goes"). Prisma stays the schema,
 * the migrations and every other read and write.
 *
 * Units of work (lib/db/unit-of-work.ts) run on SQLite synchronously, inside one `BEGIN
 * IMMEDIATE` that holds the write lock for a fraction of a millisecond instead of across `await`s
 * (lib/db/sqlite-units.ts); on PostgreSQL on one pooled connection, where the writes whose
 * results the work does not read go together with the next statement it does (lib/db/postgres-units.ts).
 */

export { changes, epochMs, rows, type SqlValue, type Statement, sql, type Work, write } from "./unit-of-work";

/** The work's statements in one transaction. */
export function transact<T>(work: () => Work<T>): Promise<T> {
  const d = driver();
  return d.kind === "sqlite" ? sqliteTransact(d.sqlite, work) : pgTransaction(d.pool, work);
}

/**
 * Writes that each stand on their own (no transaction needed): on SQLite they join the group
 * commit like a transaction; on PostgreSQL each round trip runs alone, without BEGIN and COMMIT
 * around it (two round trips of three for a single statement).
 */
export function writeEach<T>(work: () => Work<T>): Promise<T> {
  const d = driver();
  return d.kind === "sqlite" ? sqliteTransact(d.sqlite, work) : pgEach(d.pool, work);
}

/** The work's statements each on its own, at once (reads). */
export function execute<T>(work: () => Work<T>): Promise<T> {
  const d = driver();
  return d.kind === "sqlite" ? sqliteExecute(d.sqlite, work) : pgEach(d.pool, work);
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
