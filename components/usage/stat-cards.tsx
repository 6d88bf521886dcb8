import type { UsageSums } from "@/lib/db/usage";
import { formatCost, formatCount } from "@/lib/usage/tables";

export interface Stat {
  label: string;
  value: string;
  detail?: string;
}

/** The headline figures of a usage page. */
export function StatCards({ stats }: { stats: Stat[] }) {
  return (
    <dl
      className={stats.length === 5 ? "grid grid-cols-2 gap-3 lg:grid-cols-5" : "grid grid-cols-2 gap-3 lg:grid-cols-4"}
    >
      {stats.map((s) => (
        <div
          key={s.label}
          data-testid={`stat-${s.label.toLowerCase().replace(/\W+/g, "-")}`}
          className="rounded-xl border border-zinc-200 bg-white px-4 py-3.5 shadow-xs dark:border-zinc-800 dark:bg-zinc-900"
        >
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{s.label}</dt>
          <dd className="pt-1 text-xl font-semibold tracking-tight tabular-nums text-zinc-900 dark:text-zinc-100">
            {s.value}
          </dd>
          {s.detail && <dd className="pt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{s.detail}</dd>}
        </div>
      ))}
    </dl>
  );
}

/** Tokens, requests, errors and cost of a period. */
export function totalsStats(t: UsageSums): Stat[] {
  const s = totalStats(t);
  return [s.tokens, s.requests, s.errors, s.cost];
}

export function totalStats(t: UsageSums): Record<"tokens" | "requests" | "errors" | "cost", Stat> {
  const errorRate = t.requests ? (100 * t.errors) / t.requests : 0;
  return {
    tokens: {
      label: "Tokens",
      value: formatCount(t.promptTokens + t.completionTokens),
      detail: `${formatCount(t.promptTokens)} in · ${formatCount(t.completionTokens)} out`,
    },
    requests: { label: "Requests", value: formatCount(t.requests) },
    errors: { label: "Errors", value: formatCount(t.errors), detail: `${errorRate.toFixed(1)}% of requests` },
    cost: {
      label: "Cost",
      // The priced requests' sum; "unpriced" only when no request had a price.
      value: formatCost({
        dollars: t.cost,
        unpriced: t.unpricedRequests === t.requests ? t.requests : 0,
        requests: t.requests,
      }),
      detail: t.unpricedRequests
        ? `+ ${formatCount(t.unpricedRequests)} unpriced requests`
        : t.requests
          ? "all requests priced"
          : undefined,
    },
  };
}
