import { Badge } from "@/components/admin/badge";
import { CAPABILITY_LABELS } from "@/components/chat/capability-labels";
import type { HealthByPeriod, ProviderOverview } from "@/lib/admin/providers";
import type { HealthFigures } from "@/lib/db/provider-health";
import { formatCount } from "@/lib/usage/tables";

const TYPE_LABEL: Record<ProviderOverview["type"], string> = {
  "openai-compatible": "OpenAI-compatible",
  anthropic: "Anthropic Messages",
};

const PERIODS = [
  { period: "hour", label: "Last hour" },
  { period: "day", label: "Last 24 hours" },
] as const;

const ms = (value: number | null) =>
  value === null ? "—" : value < 1000 ? `${value} ms` : `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`;

/** Dollars per 1K tokens, to the price's own precision. */
const price = (dollars: number) => `$${dollars.toLocaleString("en-US", { maximumFractionDigits: 6 })}`;

/** One provider of the providers file: where it is, its key's variable, its health and its models. */
export function ProviderCard({ provider }: { provider: ProviderOverview }) {
  return (
    <section
      aria-label={provider.label}
      data-testid="provider"
      data-provider={provider.id}
      className="rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="space-y-2 px-4 pt-4 pb-3 sm:px-5">
        <div className="flex flex-wrap items-center gap-x-2.5 gap-y-1">
          <h2 className="text-base font-semibold text-zinc-900 dark:text-zinc-100">{provider.label}</h2>
          <Badge tone="indigo">{TYPE_LABEL[provider.type]}</Badge>
          {provider.label !== provider.id && (
            <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{provider.id}</span>
          )}
        </div>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-zinc-500 dark:text-zinc-400">Base URL</dt>
          <dd className="font-mono text-xs break-all text-zinc-800 sm:text-sm dark:text-zinc-200">
            {provider.baseUrl}
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">API key</dt>
          <dd data-testid="provider-key" className="flex flex-wrap items-center gap-2">
            {provider.apiKeyEnv ? (
              <>
                <code className="font-mono text-xs text-zinc-800 sm:text-sm dark:text-zinc-200">
                  {provider.apiKeyEnv}
                </code>
                <Badge tone={provider.keySet ? "green" : "red"}>{provider.keySet ? "set" : "not set"}</Badge>
              </>
            ) : (
              <span className="text-zinc-500 dark:text-zinc-400">none (no key sent)</span>
            )}
          </dd>
        </dl>
      </header>
      <HealthStrip health={provider.health} />
      <ModelTable models={provider.models} />
    </section>
  );
}

/** The provider's figures side by side for both periods. */
function HealthStrip({ health }: { health: HealthByPeriod }) {
  return (
    <div className="grid gap-px border-y border-zinc-100 bg-zinc-100 sm:grid-cols-2 dark:border-zinc-800 dark:bg-zinc-800">
      {PERIODS.map(({ period, label }) => (
        <div
          key={period}
          data-testid="provider-health"
          data-period={period}
          className="bg-zinc-50/70 px-4 py-3 sm:px-5 dark:bg-zinc-900"
        >
          <p className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</p>
          <dl className="grid grid-cols-4 gap-2 pt-1.5">
            {figureCells(health[period]).map((f) => (
              <div key={f.label} className="min-w-0">
                <dt className="truncate text-[11px] text-zinc-500 dark:text-zinc-400">{f.label}</dt>
                <dd
                  data-testid={f.testId}
                  className="text-sm font-semibold tabular-nums text-zinc-900 sm:text-base dark:text-zinc-100"
                >
                  {f.value}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </div>
  );
}

function figureCells(f: HealthFigures) {
  return [
    { label: "Calls", testId: "health-calls", value: formatCount(f.calls) },
    { label: "Errors", testId: "health-errors", value: formatCount(f.errors) },
    { label: "p50 latency", testId: "health-latency", value: ms(f.p50LatencyMs) },
    { label: "p50 first token", testId: "health-ttft", value: ms(f.p50TtftMs) },
  ];
}

const th = "px-3 py-2 font-medium whitespace-nowrap first:pl-4 last:pr-4 sm:first:pl-5 sm:last:pr-5";
const td = "px-3 py-2.5 align-top first:pl-4 last:pr-4 sm:first:pl-5 sm:last:pr-5";

/** The provider's models with their limits, prices, capabilities, fallbacks and health. */
function ModelTable({ models }: { models: ProviderOverview["models"] }) {
  if (models.length === 0) {
    return <p className="px-4 py-3 text-sm text-zinc-500 sm:px-5">No model uses this provider.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-max text-sm">
        <thead>
          <tr className="border-b border-zinc-100 text-left text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <th className={th}>Model</th>
            <th className={th}>Price / 1K in · out</th>
            <th className={`${th} text-right`}>Context</th>
            <th className={`${th} text-right`}>Max output</th>
            <th className={th}>Capabilities</th>
            <th className={th}>Fallbacks</th>
            {PERIODS.map(({ period, label }) => (
              <th key={period} className={th}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr
              key={m.id}
              data-testid="provider-model"
              data-model={m.id}
              className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/70"
            >
              <td className={td}>
                <p className="font-medium text-zinc-900 dark:text-zinc-100">{m.label}</p>
                {(m.label !== m.id || m.upstreamModel !== m.id) && (
                  <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
                    {m.label !== m.id && m.id}
                    {m.upstreamModel !== m.id && <> → upstream {m.upstreamModel}</>}
                  </p>
                )}
              </td>
              <td className={`${td} tabular-nums`}>
                {m.pricing ? `${price(m.pricing.input)} · ${price(m.pricing.output)}` : "unpriced"}
              </td>
              <td className={`${td} text-right tabular-nums`}>{formatCount(m.contextWindow)}</td>
              <td className={`${td} text-right tabular-nums`}>{formatCount(m.maxOutputTokens)}</td>
              <td className={td}>
                <span className="flex flex-wrap gap-1">
                  {m.capabilities.length === 0 && <span className="text-zinc-400">—</span>}
                  {m.capabilities.map((c) => (
                    <span
                      key={c}
                      data-testid="model-capability"
                      className="rounded-full border border-zinc-200 px-1.5 text-[11px] leading-4 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
                    >
                      {CAPABILITY_LABELS[c]}
                    </span>
                  ))}
                </span>
              </td>
              <td className={`${td} font-mono text-xs`}>{m.fallbacks.length ? m.fallbacks.join(" → ") : "—"}</td>
              {PERIODS.map(({ period }) => (
                <td key={period} data-testid="model-health" data-period={period} className={`${td} tabular-nums`}>
                  <ModelFigures figures={m.health[period]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ModelFigures({ figures }: { figures: HealthFigures }) {
  if (figures.calls === 0) return <span className="text-zinc-400">no calls</span>;
  return (
    <>
      <p>
        {formatCount(figures.calls)} {figures.calls === 1 ? "call" : "calls"}
        {figures.errors > 0 && (
          <span className="text-red-600 dark:text-red-400"> · {formatCount(figures.errors)} err</span>
        )}
      </p>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        p50 {ms(figures.p50LatencyMs)} · TTFT {ms(figures.p50TtftMs)}
      </p>
    </>
  );
}
