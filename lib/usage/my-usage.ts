import { sumByDayAndModel, sumUsage, type UsageSums } from "@/lib/db/usage";
import { findMemberLimits } from "@/lib/db/workspaces";
import { type ChartData, chartOf, modelTable } from "./dashboard";
import { addDays, dayOf, monthStart } from "./dashboard-filters";
import { monthlyLimit, quotaResetsAt, tokensLeftFor } from "./quota";
import type { Table } from "./tables";

/** "My usage": a user's own numbers in the workspace they act in, and what is left this month. */
export interface MyUsage {
  month: UsageSums;
  /** The last 30 days. */
  chart: ChartData;
  byModel: Table;
  /** The limit that applies to them: the workspace's, or their own cap when lower. */
  limit: number;
  remaining: number;
  resetsAt: Date;
}

export async function loadMyUsage(actor: { userId: string; workspaceId: string }, now = new Date()): Promise<MyUsage> {
  const today = dayOf(now);
  const since = addDays(today, -29);
  const mine = { workspaceIds: [actor.workspaceId], userId: actor.userId, to: today };
  const [month, days, limits, remaining] = await Promise.all([
    sumUsage({ ...mine, from: monthStart(today) }),
    sumByDayAndModel({ ...mine, from: since }),
    findMemberLimits(actor.workspaceId, actor.userId),
    tokensLeftFor(actor.workspaceId, actor.userId),
  ]);
  const workspaceLimit = limits ? monthlyLimit(limits) : 0;
  return {
    month,
    chart: chartOf(days, since, today),
    byModel: modelTable(days),
    limit: Math.min(workspaceLimit, limits?.memberTokenQuota ?? workspaceLimit),
    remaining,
    resetsAt: quotaResetsAt(now),
  };
}
