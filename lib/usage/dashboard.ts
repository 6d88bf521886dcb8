import { canAdministerInstall } from "@/lib/auth/policy";
import type { UserRole } from "@/lib/db/enums";
import {
  addSums,
  countConversations,
  type DayModelSums,
  emptySums,
  findApiKeys,
  findUsers,
  findWorkspaces,
  isMemberOfAny,
  listWorkspaces,
  type RollupFilter,
  sumByDayAndModel,
  sumByWorkspace,
  teamWorkspacesAdministeredBy,
  topApiKeys,
  topUsers,
  type UsageSums,
  type UserInfo,
  type UserSums,
} from "@/lib/db/usage";
import { notFound } from "@/lib/errors";
import { addDays, dayOf, filtersToParams, monthStart, type UsageFilters } from "./dashboard-filters";
import { planOf } from "./plans";
import { SUM_COLUMNS, sumCells, type Table } from "./tables";

/**
 * The usage dashboard: who may see what (the system admin every workspace; OWNERs and ADMINs of
 * a team workspace that workspace; nobody else anything — a 404), and the report it shows, read
 * from the daily rollups only.
 */
export interface AdminScope {
  /** null = every workspace. */
  workspaceIds: string[] | null;
  /** Only the system admin manages users. */
  systemAdmin: boolean;
}

export async function adminScopeOf(actor: { userId: string; user: { role: UserRole } }): Promise<AdminScope | null> {
  if (canAdministerInstall(actor.user)) return { workspaceIds: null, systemAdmin: true };
  const workspaceIds = await teamWorkspacesAdministeredBy(actor.userId);
  return workspaceIds.length > 0 ? { workspaceIds, systemAdmin: false } : null;
}

export async function requireAdminScope(actor: { userId: string; user: { role: UserRole } }): Promise<AdminScope> {
  const scope = await adminScopeOf(actor);
  if (!scope) throw notFound();
  return scope;
}

export const REPORT_TABLES = ["workspaces", "users", "keys", "daily"] as const;
export type ReportTableName = (typeof REPORT_TABLES)[number];

export interface ChartData {
  models: string[];
  /** One point a day of the range: `{ day, [model]: tokens }`. */
  points: Record<string, string | number>[];
}

export interface UsageReport {
  filters: UsageFilters;
  totals: UsageSums;
  chart: ChartData;
  tables: Record<ReportTableName, Table>;
  options: { workspaces: { id: string; name: string }[]; models: string[]; users: UserInfo[] };
  /** The user the report is narrowed to, and the conversations they started in the period. */
  user: (UserInfo & { conversations: number }) | null;
}

const TOP = 10;
/** Users offered by the user filter: the busiest of the period. */
const USER_CHOICES = 100;

export async function loadUsageReport(
  scope: AdminScope,
  filters: UsageFilters,
  now = new Date(),
): Promise<UsageReport> {
  // A workspace or user outside the scope is not found, exactly like one that does not exist.
  if (filters.workspaceId && scope.workspaceIds && !scope.workspaceIds.includes(filters.workspaceId)) throw notFound();
  const [user] = filters.userId ? await findUsers([filters.userId]) : [];
  if (filters.userId && (!user || !(await isMemberOfAny(filters.userId, scope.workspaceIds)))) throw notFound();

  const f: RollupFilter = { workspaceIds: scope.workspaceIds, ...filters };
  const today = dayOf(now);
  const month: RollupFilter = {
    workspaceIds: scope.workspaceIds,
    workspaceId: filters.workspaceId,
    from: monthStart(today),
    to: today,
  };
  // Four scans of the rollups per page: days × models (the totals, the chart, the daily table and
  // the models to filter by), users (the table and the users to filter by), keys, and the month.
  const [allModels, people, keys, workspaces, workspaceChoices] = await Promise.all([
    sumByDayAndModel({ ...f, model: undefined }),
    topUsers({ ...f, userId: undefined }, USER_CHOICES),
    keysTable(f),
    workspacesTable(month),
    listWorkspaces(scope.workspaceIds, 200),
  ]);
  const days = filters.model ? allModels.filter((r) => r.model === filters.model) : allModels;
  const totals = days.reduce((sum, r) => addSums(sum, r), emptySums());
  // Narrowed to one user, their row is the totals (they may not be among the users listed).
  const userRows = user ? [{ userId: user.id, ...totals }] : people.slice(0, TOP);
  const [users, names] = await Promise.all([usersTable(userRows, f, scope), findUsers(people.map((p) => p.userId))]);
  return {
    filters,
    totals,
    chart: chartOf(days, filters.from, filters.to),
    tables: { workspaces, users: users.table, keys, daily: dailyTable(days) },
    options: {
      workspaces: workspaceChoices.map((w) => ({ id: w.id, name: w.name })),
      models: [...new Set(allModels.map((r) => r.model))].sort(),
      users: names.sort((a, b) => a.name.localeCompare(b.name)),
    },
    user: user ? { ...user, conversations: users.conversations.get(user.id) ?? 0 } : null,
  };
}

export function chartOf(rows: DayModelSums[], from: string, to: string): ChartData {
  const models = [...new Set(rows.map((r) => r.model))].sort();
  const byDay = new Map<string, Record<string, string | number>>();
  for (let day = from; day <= to; day = addDays(day, 1)) {
    byDay.set(day, { day, ...Object.fromEntries(models.map((m) => [m, 0])) });
  }
  for (const r of rows) {
    const point = byDay.get(r.day);
    if (point) point[r.model] = r.promptTokens + r.completionTokens;
  }
  return { models, points: [...byDay.values()] };
}

export function dailyTable(rows: DayModelSums[]): Table {
  return {
    title: "By day and model",
    columns: [{ label: "Day", kind: "text" }, { label: "Model", kind: "text" }, ...SUM_COLUMNS],
    rows: rows.map((r) => ({ cells: [r.day, r.model, ...sumCells(r)] })),
  };
}

/** Per model over the rows (for a single user's page). */
export function modelTable(rows: DayModelSums[]): Table {
  const byModel = new Map<string, UsageSums>();
  for (const r of rows) byModel.set(r.model, addSums(byModel.get(r.model) ?? emptySums(), r));
  return {
    title: "By model",
    columns: [{ label: "Model", kind: "text" }, ...SUM_COLUMNS],
    rows: [...byModel].map(([model, s]) => ({ cells: [model, ...sumCells(s)] })),
  };
}

async function usersTable(
  rows: UserSums[],
  f: RollupFilter,
  scope: AdminScope,
): Promise<{ table: Table; conversations: Map<string, number> }> {
  const ids = rows.map((r) => r.userId);
  const until = new Date(`${addDays(f.to, 1)}T00:00:00Z`);
  const [users, conversations] = await Promise.all([
    findUsers(ids),
    // The workspace filtered on (already checked to be in scope), else the whole scope.
    countConversations(
      ids,
      f.workspaceId ? [f.workspaceId] : scope.workspaceIds,
      new Date(`${f.from}T00:00:00Z`),
      until,
    ),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  const range = filtersToParams({ from: f.from, to: f.to, workspaceId: f.workspaceId, model: f.model });
  const table: Table = {
    title: "Top users",
    columns: [
      { label: "User", kind: "text" },
      { label: "Email", kind: "text" },
      { label: "Conversations", kind: "count" },
      ...SUM_COLUMNS,
    ],
    rows: rows.map((r) => {
      const u = byId.get(r.userId);
      return {
        cells: [u?.name ?? "(deleted user)", u?.email ?? r.userId, conversations.get(r.userId) ?? 0, ...sumCells(r)],
        href: `/admin/usage/users/${encodeURIComponent(r.userId)}?${range}`,
      };
    }),
  };
  return { table, conversations };
}

async function keysTable(f: RollupFilter): Promise<Table> {
  const rows = await topApiKeys(f, TOP);
  const keys = new Map((await findApiKeys(rows.map((r) => r.apiKeyId))).map((k) => [k.id, k]));
  return {
    title: "Top API keys",
    columns: [{ label: "API key", kind: "text" }, { label: "Owner", kind: "text" }, ...SUM_COLUMNS],
    rows: rows.map((r) => {
      const k = keys.get(r.apiKeyId);
      const label = k ? `${k.name} (…${k.last4})${k.revokedAt ? " — revoked" : ""}` : "(deleted key)";
      return { cells: [label, k?.user.email ?? "", ...sumCells(r)] };
    }),
  };
}

async function workspacesTable(month: RollupFilter): Promise<Table> {
  const rows = await sumByWorkspace(month, 20);
  const used = new Map(rows.map((r) => [r.workspaceId, r.promptTokens + r.completionTokens]));
  // A workspace admin sees each of their workspaces, used or not; the system admin the busiest.
  const ids = month.workspaceId ? [month.workspaceId] : (month.workspaceIds ?? rows.map((r) => r.workspaceId));
  const workspaces = await findWorkspaces(ids);
  const ordered = workspaces.sort(
    (a, b) => (used.get(b.id) ?? 0) - (used.get(a.id) ?? 0) || a.name.localeCompare(b.name),
  );
  return {
    title: "This month vs quota",
    columns: [
      { label: "Workspace", kind: "text" },
      { label: "Plan", kind: "text" },
      { label: "Tokens this month", kind: "count" },
      { label: "Monthly quota", kind: "count" },
      { label: "Used", kind: "percent" },
    ],
    rows: ordered.map((w) => {
      const plan = planOf(w.plan);
      const quota = w.tokenQuota ?? plan.monthlyTokens;
      const tokens = used.get(w.id) ?? 0;
      return { cells: [w.name, plan.name, tokens, quota, quota > 0 ? (100 * tokens) / quota : 100] };
    }),
  };
}
