import type Database from "better-sqlite3";
import { drive, type SqlValue, type Step, type Work } from "./unit-of-work";

/**
 * Units of work on SQLite, synchronously on this thread: the write lock is held for the
 * statements alone, never across an `await`.
 *
 * Group commit: the units submitted in the same turn of the event loop (requests that arrive
 * together) run in one `BEGIN IMMEDIATE … COMMIT`, each inside a savepoint of its own, so a unit
 * that fails rolls back alone and the others commit. A commit writes every page it touched to
 * the WAL; the index pages a turn's rows share with its neighbours' (the conversation, message
 * and ledger indexes, the rollups) are then written once for the group instead of once per
 * request — at 50 concurrent streams the transactions were 15 % of a worker's CPU. A lone
 * request waits one event-loop turn.
 */

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

/** The work's statements each on its own (reads, or one statement). */
export function sqliteExecute<T>(sqlite: Database.Database, work: () => Work<T>): Promise<T> {
  return retryWhileBusy(() => drive(work(), (step) => onSqlite(sqlite, step)));
}

interface Queued {
  work: () => Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// On globalThis: the Next bundle's copy of this module and the lean door's share the connection,
// so they share its group too.
const holder = globalThis as { spjSqliteGroup?: Queued[] | null };

/** The work in a transaction, committed with the other units submitted in this turn of the event loop. */
export function sqliteTransact<T>(sqlite: Database.Database, work: () => Work<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (!holder.spjSqliteGroup) {
      const group: Queued[] = [];
      holder.spjSqliteGroup = group;
      setImmediate(() => {
        holder.spjSqliteGroup = null;
        void commitGroup(sqlite, group);
      });
    }
    holder.spjSqliteGroup.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function commitGroup(sqlite: Database.Database, group: Queued[]): Promise<void> {
  const run = (unit: Queued) => drive(unit.work(), (step) => onSqlite(sqlite, step));
  let outcomes: Outcome[];
  try {
    outcomes = await retryWhileBusy(() =>
      sqlite
        .transaction(() =>
          group.map((unit): Outcome => {
            if (group.length === 1) return { ok: true, value: run(unit) };
            // A nested transaction function is a savepoint: a unit that throws rolls back alone.
            try {
              return { ok: true, value: sqlite.transaction(() => run(unit))() };
            } catch (error) {
              return { ok: false, error };
            }
          }),
        )
        .immediate(),
    );
  } catch (error) {
    // The group's BEGIN or COMMIT failed (or a lone unit did): none of it was written.
    for (const unit of group) unit.reject(error);
    return;
  }
  for (const [i, outcome] of outcomes.entries()) {
    const unit = group[i] as Queued;
    if (outcome.ok) unit.resolve(outcome.value);
    else unit.reject(outcome.error);
  }
}

/**
 * The driver's connection does not wait for the write lock (lib/db/client.ts): SQLite's own wait
 * sleeps on this thread, in steps of milliseconds, where the other writer (a worker of `npm
 * start`) holds the lock for a fraction of one. Work that finds the lock taken is tried again
 * after the event loop's other work, then at growing intervals, so that a writer holding the lock
 * across `await`s (a Prisma transaction, in this process or another) can finish.
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
