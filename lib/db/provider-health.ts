import { db } from "./client";

/**
 * Providers' health from the usage ledger: every attempt that reached a provider is a row (a
 * fallback's failed first try included), so calls and errors here are what the providers saw.
 * Latency and time to first token are the medians of the calls that completed: an error before
 * the first byte takes a few milliseconds, a stopped answer ends when the user said so, and
 * neither says how fast the provider answers.
 */

export const HEALTH_PERIODS = { hour: 3_600_000, day: 86_400_000 } as const;
export type HealthPeriod = keyof typeof HEALTH_PERIODS;

export interface HealthFigures {
  calls: number;
  /** Calls whose outcome is ERROR. */
  errors: number;
  /** Nearest-rank median (the ⌈n/2⌉-th smallest) over the OK calls; null without one. */
  p50LatencyMs: number | null;
  /** The same over the OK calls that recorded a first token. */
  p50TtftMs: number | null;
}

export interface ProviderHealth {
  /** Per provider id, then per period. */
  providers: Map<string, Record<HealthPeriod, HealthFigures>>;
  /** Per provider id and model id (`${provider}\u0000${model}`), then per period. */
  models: Map<string, Record<HealthPeriod, HealthFigures>>;
}

/** The key of a model's figures in ProviderHealth.models. */
export const modelHealthKey = (provider: string, model: string) => `${provider}\u0000${model}`;

export const EMPTY_FIGURES: HealthFigures = { calls: 0, errors: 0, p50LatencyMs: null, p50TtftMs: null };

interface Row {
  period: HealthPeriod;
  kind: "provider" | "model";
  provider: string;
  model: string;
  calls: number | bigint;
  errors: number | bigint;
  p50LatencyMs: number | bigint | null;
  p50TtftMs: number | bigint | null;
}

const asNumber = (v: number | bigint | null) => (v === null ? null : Number(v));

/**
 * The last hour's and day's figures before `now`, in one statement: each ledger row of the day
 * is counted for its provider and its model, in the day and (when recent) the hour; window
 * functions rank each group's latencies, so the medians are computed where the rows are (the
 * same SQL on SQLite and PostgreSQL). The day's rows are found through
 * UsageEvent_provider_health_idx, which also holds every column read here.
 */
export async function providerHealth(now: Date): Promise<ProviderHealth> {
  const dayAgo = new Date(now.getTime() - HEALTH_PERIODS.day);
  const hourAgo = new Date(now.getTime() - HEALTH_PERIODS.hour);
  const rows = await db().$queryRaw<Row[]>`
    WITH "recent" AS (
      SELECT COALESCE("provider", '') AS "provider", "model", "outcome", "latencyMs", "ttftMs",
        CASE WHEN "createdAt" >= ${hourAgo} THEN 1 ELSE 0 END AS "inHour"
      FROM "UsageEvent"
      WHERE "createdAt" >= ${dayAgo} AND "createdAt" < ${now}
    ),
    "grouped" AS (
      SELECT 'day' AS "period", 'provider' AS "kind", "provider", '' AS "model", "outcome", "latencyMs", "ttftMs" FROM "recent"
      UNION ALL
      SELECT 'day', 'model', "provider", "model", "outcome", "latencyMs", "ttftMs" FROM "recent"
      UNION ALL
      SELECT 'hour', 'provider', "provider", '', "outcome", "latencyMs", "ttftMs" FROM "recent" WHERE "inHour" = 1
      UNION ALL
      SELECT 'hour', 'model', "provider", "model", "outcome", "latencyMs", "ttftMs" FROM "recent" WHERE "inHour" = 1
    ),
    "ranked" AS (
      SELECT "period", "kind", "provider", "model", "outcome", "latencyMs", "ttftMs",
        SUM(CASE WHEN "outcome" = 'OK' THEN 1 ELSE 0 END)
          OVER (PARTITION BY "period", "kind", "provider", "model") AS "okCalls",
        SUM(CASE WHEN "outcome" = 'OK' AND "ttftMs" IS NOT NULL THEN 1 ELSE 0 END)
          OVER (PARTITION BY "period", "kind", "provider", "model") AS "ttftCalls",
        ROW_NUMBER() OVER (PARTITION BY "period", "kind", "provider", "model"
          ORDER BY CASE WHEN "outcome" = 'OK' THEN 0 ELSE 1 END, "latencyMs") AS "latencyRank",
        ROW_NUMBER() OVER (PARTITION BY "period", "kind", "provider", "model"
          ORDER BY CASE WHEN "outcome" = 'OK' AND "ttftMs" IS NOT NULL THEN 0 ELSE 1 END, "ttftMs") AS "ttftRank"
      FROM "grouped"
    )
    SELECT "period", "kind", "provider", "model",
      COUNT(*) AS "calls",
      SUM(CASE WHEN "outcome" = 'ERROR' THEN 1 ELSE 0 END) AS "errors",
      MAX(CASE WHEN "latencyRank" = ("okCalls" + 1) / 2 AND "okCalls" > 0 THEN "latencyMs" END) AS "p50LatencyMs",
      MAX(CASE WHEN "ttftRank" = ("ttftCalls" + 1) / 2 AND "ttftCalls" > 0 THEN "ttftMs" END) AS "p50TtftMs"
    FROM "ranked"
    GROUP BY "period", "kind", "provider", "model"`;

  const health: ProviderHealth = { providers: new Map(), models: new Map() };
  for (const row of rows) {
    const map = row.kind === "provider" ? health.providers : health.models;
    const key = row.kind === "provider" ? row.provider : modelHealthKey(row.provider, row.model);
    const periods = map.get(key) ?? { hour: EMPTY_FIGURES, day: EMPTY_FIGURES };
    periods[row.period] = {
      calls: Number(row.calls),
      errors: Number(row.errors),
      p50LatencyMs: asNumber(row.p50LatencyMs),
      p50TtftMs: asNumber(row.p50TtftMs),
    };
    map.set(key, periods);
  }
  return health;
}
