import type { Metadata } from "next";
import { SettingsHeader } from "@/components/settings/settings-header";
import { StatCards, totalStats } from "@/components/usage/stat-cards";
import { UsageChart } from "@/components/usage/usage-chart";
import { Panel, UsageTable } from "@/components/usage/usage-table";
import { requirePageActor } from "@/lib/auth/session";
import { loadMyUsage } from "@/lib/usage/my-usage";
import { formatCount } from "@/lib/usage/tables";

export const metadata: Metadata = { title: "My usage" };

/** Every user's own usage in the workspace they act in, and the tokens left this month. */
export default async function MyUsagePage() {
  const actor = await requirePageActor();
  const usage = await loadMyUsage(actor);
  const { tokens, requests, cost } = totalStats(usage.month);
  const resets = usage.resetsAt.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
  const usedShare = usage.limit > 0 ? Math.min(100, (100 * (usage.limit - usage.remaining)) / usage.limit) : 100;
  return (
    <>
      <SettingsHeader title="My usage" section={actor.workspace.name} />
      <div className="scroll-thin min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto w-full max-w-4xl space-y-5 px-4 pt-6 pb-16 sm:px-6 sm:pt-10">
          <StatCards
            stats={[
              {
                label: "Remaining this month",
                value: formatCount(usage.remaining),
                detail: `of ${formatCount(usage.limit)} tokens · resets ${resets}`,
              },
              { ...tokens, label: "Tokens this month" },
              { ...requests, label: "Requests this month" },
              { ...cost, label: "Cost this month" },
            ]}
          />
          {/* The remaining figure above says it in words; this bar only shows it. */}
          <div className="h-2 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
            <div className="h-full rounded-full bg-zinc-900 dark:bg-zinc-100" style={{ width: `${usedShare}%` }} />
          </div>
          <Panel title="Tokens per day" subtitle="Last 30 days, stacked by model" testId="my-usage-chart">
            <UsageChart data={usage.chart} />
          </Panel>
          <Panel title={usage.byModel.title} subtitle="Last 30 days" testId="my-usage-models">
            <UsageTable table={usage.byModel} empty="No usage in the last 30 days." />
          </Panel>
        </div>
      </div>
    </>
  );
}
