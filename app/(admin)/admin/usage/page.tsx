import type { Metadata } from "next";
import { FiltersError, PageTitle, periodLabel } from "@/components/usage/page-title";
import { StatCards, totalsStats } from "@/components/usage/stat-cards";
import { UsageChart } from "@/components/usage/usage-chart";
import { UsageFiltersForm } from "@/components/usage/usage-filters";
import { Panel, UsageTable } from "@/components/usage/usage-table";
import type { ReportTableName } from "@/lib/usage/dashboard";
import { filtersToParams, type SearchParams } from "@/lib/usage/dashboard-filters";
import { pageReport } from "./report";

export const metadata: Metadata = { title: "Usage" };

const TABLES: { name: Exclude<ReportTableName, "daily">; subtitle: string; empty: string }[] = [
  {
    name: "users",
    subtitle: "Browser and API traffic together; open a user for their days and models",
    empty: "No usage in this period.",
  },
  { name: "workspaces", subtitle: "Month to date, all models and users", empty: "No workspaces." },
  { name: "keys", subtitle: "API traffic only", empty: "No API traffic in this period." },
];

/** The usage dashboard: totals, tokens per day by model, quotas, top users and keys. */
export default async function UsageDashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const result = await pageReport(await searchParams);
  if ("error" in result) return <FiltersError message={result.error} resetHref="/admin/usage" />;
  const { report, scope } = result;
  const exportHref = (table: ReportTableName) => `/admin/usage/export?${filtersToParams(report.filters, { table })}`;
  const who = report.user ? ` · ${report.user.name}` : "";
  return (
    <div className="space-y-5">
      <PageTitle
        title={scope.systemAdmin ? "Usage" : "Workspace usage"}
        subtitle={`${periodLabel(report.filters.from, report.filters.to)}${who}`}
      />
      <UsageFiltersForm action="/admin/usage" filters={report.filters} options={report.options} />
      <StatCards stats={totalsStats(report.totals)} />
      <Panel
        title="Tokens per day"
        subtitle="Prompt + completion, stacked by model"
        exportHref={exportHref("daily")}
        testId="panel-daily"
      >
        <UsageChart data={report.chart} />
      </Panel>
      {TABLES.map(({ name, subtitle, empty }) => (
        <Panel
          key={name}
          title={report.tables[name].title}
          subtitle={subtitle}
          exportHref={exportHref(name)}
          testId={`panel-${name}`}
        >
          <UsageTable table={report.tables[name]} empty={empty} />
        </Panel>
      ))}
    </div>
  );
}
