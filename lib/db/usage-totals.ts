import { Prisma } from "./generated/sqlite/client";
import type { RollupFilter, RollupIncrement } from "./usage";

/**
 * The coarse rollups (UsageTotal): each call's sums per day and per month of one dimension alone.
 * The install-wide dashboard reads these: a month of ten thousand users is ten thousand user
 * rows here, against one per user × model × key × workspace × day in UsageDaily.
 */
export type Dimension = "MODEL" | "WORKSPACE" | "USER" | "API_KEY";

/** The UsageTotal rows one call adds to: its day's and its month's, of every dimension. */
export function totalKeysOf(row: RollupIncrement): { dimension: Dimension; month: string; day: string; key: string }[] {
  const keys: [Dimension, string][] = [
    ["MODEL", row.model],
    ["WORKSPACE", row.workspaceId],
    ["USER", row.userId],
  ];
  if (row.apiKeyId) keys.push(["API_KEY", row.apiKeyId]);
  const month = row.day.slice(0, 7);
  return keys.flatMap(([dimension, key]) => [row.day, ""].map((day) => ({ dimension, month, day, key })));
}

/**
 * Whether a query can be answered from one dimension's totals: only when nothing narrows it to
 * another dimension (a workspace, a user, a model other than the MODEL rows' own key, API traffic
 * other than the API_KEY rows').
 */
export function answersFromTotals(f: RollupFilter, dimension: Dimension): boolean {
  return (
    f.workspaceIds === null &&
    !f.workspaceId &&
    !f.userId &&
    (!f.model || dimension === "MODEL") &&
    (!f.apiOnly || dimension === "API_KEY")
  );
}

export interface Periods {
  /** "YYYY-MM": read as their month rows. */
  months: string[];
  /** Inclusive day ranges left at the edges, read as day rows. */
  days: { from: string; to: string }[];
}

function lastDayOfMonth(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

function nextMonth(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 7);
}

/**
 * Splits a day range into the months it covers whole and the days left at its ends. Rows are
 * written when the call happens, so nothing lies after today: a range that reaches today takes
 * the current month whole (this month so far, or the last 30 days, read one row per key).
 */
export function periodsOf(from: string, to: string, today: string): Periods {
  const periods: Periods = { months: [], days: [] };
  if (from > to) return { months: [], days: [{ from, to }] };
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = nextMonth(month)) {
    const first = `${month}-01`;
    const last = lastDayOfMonth(month);
    if (from <= first && (to >= last || to >= today)) periods.months.push(month);
    else periods.days.push({ from: from > first ? from : first, to: to < last ? to : last });
  }
  return periods;
}

const COLUMNS = Prisma.sql`"day", "key", "promptTokens", "completionTokens", "requests", "errors", "cost", "unpricedRequests"`;

/**
 * The rows of one dimension over some periods (of the filter's range), as a derived table "t":
 * one range scan of the covering index per part, glued with UNION ALL.
 */
export function totalRows(dimension: Dimension, f: RollupFilter, { months, days }: Periods): Prisma.Sql {
  const model = dimension === "MODEL" && f.model ? Prisma.sql` AND "key" = ${f.model}` : Prisma.empty;
  const parts = days.map(
    (d) => Prisma.sql`SELECT ${COLUMNS} FROM "UsageTotal"
      WHERE "dimension" = ${dimension} AND "day" >= ${d.from} AND "day" <= ${d.to}${model}`,
  );
  if (months.length) {
    parts.push(Prisma.sql`SELECT ${COLUMNS} FROM "UsageTotal"
      WHERE "dimension" = ${dimension} AND "day" = '' AND "month" IN (${Prisma.join(months)})${model}`);
  }
  return Prisma.sql`(${Prisma.join(parts, " UNION ALL ")}) AS "t"`;
}
