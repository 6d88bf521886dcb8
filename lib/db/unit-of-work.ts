/**
 * A unit of work is a generator that yields its statements and gets each one's result back, so
 * that one body runs on both databases (lib/db/statements.ts runs it): on SQLite synchronously,
 * on PostgreSQL on one pooled connection, the writes it does not read sent together with the
 * next statement it does (lib/db/postgres-units.ts).
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

export type Step = { kind: "changes" | "rows" | "write"; statement: Statement };
export type Work<T> = Generator<Step, T, unknown>;

/** Runs a statement; gives the number of rows it changed. */
export function* changes(statement: Statement): Work<number> {
  return (yield { kind: "changes", statement }) as number;
}

/**
 * Runs a statement whose result the work does not read. On PostgreSQL it may go later, with the
 * next statement whose result the work reads, or with the COMMIT: one round trip for them all.
 */
export function* write(statement: Statement): Work<void> {
  yield { kind: "write", statement };
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

/** Runs the work, answering each step at once. */
export function drive<T>(work: Work<T>, answer: (step: Step) => unknown): T {
  let next = work.next();
  while (!next.done) next = work.next(answer(next.value));
  return next.value;
}

/** Runs the work, waiting for each step's answer. */
export async function driveAsync<T>(work: Work<T>, answer: (step: Step) => Promise<unknown>): Promise<T> {
  let next = work.next();
  while (!next.done) next = work.next(await answer(next.value));
  return next.value;
}
