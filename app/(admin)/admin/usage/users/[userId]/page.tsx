import type { Metadata } from "next";
import Link from "next/link";
import { FiltersError, PageTitle, periodLabel } from "@/components/usage/page-title";
import { StatCards, totalsStats } from "@/components/usage/stat-cards";
import { UsageChart } from "@/components/usage/usage-chart";
import { UsageFiltersForm } from "@/components/usage/usage-filters";
import { Panel, UsageTable } from "@/components/usage/usage-table";
import { filtersToParams, type SearchParams } from "@/lib/usage/dashboard-filters";
import { formatCount } from "@/lib/usage/tables";
import { pageReport } from "../../report";

export const metadata: Metadata = { title: "User usage" };

/** One user's usage: by day and model, and the conversations they started. */
export default async function UserUsagePage({
  params,
  searchParams,
}: {
  params: Promise<{ userId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { userId } = await params;
  const action = `/admin/usage/users/${encodeURIComponent(userId)}`;
  const result = await pageReport({ ...(await searchParams), user: userId });
  if ("error" in result) return <FiltersError message={result.error} resetHref={action} />;
  const { report, scope } = result;
  const user = report.user as NonNullable<typeof report.user>;
  const exportHref = `/admin/usage/export?${filtersToParams(report.filters, { table: "daily" })}`;
  return (
    <div className="space-y-5">
      <PageTitle title={user.name} subtitle={`${user.email} · ${periodLabel(report.filters.from, report.filters.to)}`}>
        <div className="flex gap-2 text-sm">
          <Link
            href={`/admin/usage?${filtersToParams({ ...report.filters, userId: undefined })}`}
            className="rounded-lg px-2.5 py-1.5 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
          >
            All users
          </Link>
          {scope.systemAdmin && (
            <Link
              href={`/admin/users/${encodeURIComponent(user.id)}`}
              className="rounded-lg border border-zinc-200 px-2.5 py-1.5 font-medium text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
            >
              Manage user
            </Link>
          )}
        </div>
      </PageTitle>
      <UsageFiltersForm action={action} filters={report.filters} options={report.options} showUser={false} />
      <StatCards
        stats={[
          ...totalsStats(report.totals),
          { label: "Conversations", value: formatCount(user.conversations), detail: "started in this period" },
        ]}
      />
      <Panel title="Tokens per day" subtitle="Stacked by model" testId="panel-daily">
        <UsageChart data={report.chart} />
      </Panel>
      <Panel title={report.tables.daily.title} exportHref={exportHref} testId="panel-user-daily">
        <UsageTable table={report.tables.daily} />
      </Panel>
    </div>
  );
}
