"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from "recharts";
import type { ChartData } from "@/lib/usage/dashboard";

/** Series colours that read on white and on zinc-950 alike. */
export const MODEL_COLORS = ["#6366f1", "#14b8a6", "#f59e0b", "#ec4899", "#0ea5e9", "#a855f7", "#84cc16", "#f43f5e"];

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const full = new Intl.NumberFormat("en-US");
const shortDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** Tokens per day, stacked by model. */
export function UsageChart({ data }: { data: ChartData }) {
  const empty = data.models.length === 0;
  return (
    <div data-testid="usage-chart" className="text-zinc-500 dark:text-zinc-400">
      <div className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data.points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
            <XAxis
              dataKey="day"
              tickFormatter={shortDay}
              tick={{ fill: "currentColor", fontSize: 12 }}
              tickLine={false}
              axisLine={false}
              minTickGap={24}
            />
            <YAxis
              tickFormatter={(v: number) => compact.format(v)}
              tick={{ fill: "currentColor", fontSize: 12 }}
              tickLine={false}
              axisLine={false}
              width={48}
            />
            <Tooltip cursor={{ fill: "currentColor", fillOpacity: 0.08 }} content={DayTooltip} />
            {data.models.map((model, i) => (
              <Bar
                key={model}
                dataKey={model}
                stackId="tokens"
                fill={MODEL_COLORS[i % MODEL_COLORS.length]}
                radius={i === data.models.length - 1 ? [4, 4, 0, 0] : 0}
                maxBarSize={36}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {empty ? (
        <p className="pt-2 text-center text-sm">No usage in this period.</p>
      ) : (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 pt-3 text-xs" aria-label="Models">
          {data.models.map((model, i) => (
            <li key={model} className="flex items-center gap-1.5">
              <span
                aria-hidden="true"
                className="size-2.5 rounded-sm"
                style={{ background: MODEL_COLORS[i % MODEL_COLORS.length] }}
              />
              <span className="text-zinc-700 dark:text-zinc-300">{model}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DayTooltip({ active, payload, label }: TooltipContentProps) {
  if (!active || !payload?.length) return null;
  const total = payload.reduce((n, p) => n + Number(p.value ?? 0), 0);
  return (
    <div className="rounded-xl border border-zinc-200 bg-white px-3 py-2 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
      <p className="pb-1 font-medium text-zinc-900 dark:text-zinc-100">
        {shortDay(String(label))} · {full.format(total)} tokens
      </p>
      {payload.map((p) => (
        <p key={String(p.dataKey)} className="flex items-center gap-1.5 text-zinc-600 dark:text-zinc-300">
          <span aria-hidden="true" className="size-2 rounded-sm" style={{ background: p.color }} />
          {String(p.dataKey)}: {full.format(Number(p.value ?? 0))}
        </p>
      ))}
    </div>
  );
}
