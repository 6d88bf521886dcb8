import pg from "pg";
import type { SqlValue, Statement, Step, Work } from "./unit-of-work";

/**
 * Units of work on PostgreSQL, on one pooled connection (a transaction) or on the pool (writes
 * that stand alone).
 *
 * pg sends one query at a time and waits for its answer, and a request's rows took ~15 of these
 * round trips, each a pair of system calls and a wake-up on both sides: the most of a request's
 * cost on PostgreSQL (BENCHMARKS.md). So the statements whose result the work does not read
 * (`write` steps) are not sent on their own: they wait, and go with the next statement whose
 * result it reads, or with the COMMIT, as one simple query. A transaction's BEGIN waits the
 * same way. A turn's rows are then one round trip, its closing writes two. The simple protocol
 * takes no parameters, so those statements carry their values as literals, quoted by the
 * driver's own escaping; a statement sent alone stays a named, prepared one.
 */

export async function pgTransaction<T>(pool: pg.Pool, work: () => Work<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const result = await drivePostgres(client, work(), { begin: true });
    client.release();
    return result;
  } catch (error) {
    // A connection whose ROLLBACK failed is in an unknown state: the pool drops it. (A BEGIN
    // that never went out makes it a no-op with a warning.)
    await client.query("ROLLBACK").then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    throw error;
  }
}

/** Each statement, or each round trip of them, on its own (no transaction around them). */
export function pgEach<T>(pool: pg.Pool, work: () => Work<T>): Promise<T> {
  return drivePostgres(pool, work(), { begin: false });
}

async function drivePostgres<T>(client: pg.Pool | pg.PoolClient, work: Work<T>, o: { begin: boolean }): Promise<T> {
  const waiting: string[] = o.begin ? ["BEGIN"] : [];
  let next = work.next();
  while (!next.done) {
    const step: Step = next.value;
    if (step.kind === "write") {
      waiting.push(inline(step.statement));
      next = work.next(undefined);
      continue;
    }
    const result = waiting.length
      ? await sendAll(client, [...waiting.splice(0), inline(step.statement)])
      : await client.query(prepared(step.statement));
    next = work.next(step.kind === "rows" ? result.rows : (result.rowCount ?? 0));
  }
  if (o.begin) waiting.push("COMMIT");
  if (waiting.length) await sendAll(client, waiting);
  return next.value;
}

/** Statements in one simple query (one round trip; atomic even without BEGIN): the last one's result. */
async function sendAll(client: pg.Pool | pg.PoolClient, statements: string[]): Promise<pg.QueryResult> {
  const results = (await client.query({ text: statements.join(";\n"), types: utcTimestamps })) as
    | pg.QueryResult
    | pg.QueryResult[];
  return Array.isArray(results) ? (results.at(-1) as pg.QueryResult) : results;
}

const names = new Map<string, { name: string; text: string }>();

/** A named statement (pg prepares it once per connection), with `$n` placeholders. */
function prepared({ text, values }: Statement): pg.QueryConfig {
  let named = names.get(text);
  if (!named) {
    named = { name: `spj_${names.size}`, text: numbered(text) };
    names.set(text, named);
  }
  return { ...named, values: values.map(pgValue), types: utcTimestamps };
}

/** PostgreSQL's placeholders: `?` becomes `$1`, `$2`… */
export function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** The statement with its values written in as literals, for a simple query. */
export function inline({ text, values }: Statement): string {
  let n = 0;
  const inlined = text.replace(/\?/g, () => literal(values[n++]));
  if (n !== values.length) throw new Error(`a statement has ${n} placeholders for ${values.length} values`);
  return inlined;
}

function literal(value: SqlValue | undefined): string {
  if (value === undefined) throw new Error("a statement has more placeholders than values");
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a number SQL can hold: ${value}`);
    // In parentheses, a negative number after a minus sign cannot read as a comment (`- -1`).
    return value < 0 ? `(${value})` : String(value);
  }
  return pg.escapeLiteral(String(pgValue(value)));
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
