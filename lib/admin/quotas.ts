import { z } from "zod";
import { setMemberTokenQuota, setWorkspacePlan, setWorkspaceTokenQuota } from "@/lib/db/admin";
import { readCounter } from "@/lib/db/quota-counters";
import { findMemberLimits, type WorkspaceLimits } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors";
import { isPlanId, PLANS, type PlanId, planOf } from "@/lib/usage/plans";
import { currentPeriod, monthlyLimit, remainingTokens } from "@/lib/usage/quota";
import { parseInput, TokensSchema } from "./input";
import { resolveUser } from "./users";

/** Operators' plan and quota settings of a user's personal workspace, and its usage this month. */

const PLAN_IDS = Object.keys(PLANS) as PlanId[];

const PlanSchema = z
  .string({ error: `Plan is required: one of ${PLAN_IDS.join(", ")}` })
  .trim()
  .refine(isPlanId, { error: (issue) => `Unknown plan "${String(issue.input)}": use one of ${PLAN_IDS.join(", ")}` });

/** A number of tokens, or "plan" to fall back to the plan's monthly tokens. */
const WorkspaceQuotaSchema = z.union([z.literal("plan").transform(() => null), TokensSchema], {
  error: 'Tokens must be a whole number or "plan"',
});

/** A number of tokens, or "none" for no per-member cap. */
const MemberQuotaSchema = z.union([z.literal("none").transform(() => null), TokensSchema], {
  error: 'Member tokens must be a whole number or "none"',
});

async function limitsOf(userId: string, workspaceId: string): Promise<WorkspaceLimits> {
  const limits = await findMemberLimits(workspaceId, userId);
  if (!limits) throw new AppError("not_found", "The user is not a member of their personal workspace");
  return limits;
}

export interface QuotaSummary {
  email: string;
  workspaceId: string;
  plan: PlanId | string;
  planName: string;
  /** The monthly limit in force: the override, or the plan's. */
  monthlyLimit: number;
  /** The workspace override, or null when the plan's applies. */
  tokenQuota: number | null;
  memberTokenQuota: number | null;
}

async function summary(email: string, userId: string, workspaceId: string): Promise<QuotaSummary> {
  const limits = await limitsOf(userId, workspaceId);
  return {
    email,
    workspaceId,
    plan: limits.plan,
    planName: planOf(limits.plan).name,
    monthlyLimit: monthlyLimit(limits),
    tokenQuota: limits.tokenQuota,
    memberTokenQuota: limits.memberTokenQuota,
  };
}

/** Sets the plan of the user's personal workspace. */
export async function setPlan(email: unknown, plan: unknown): Promise<QuotaSummary> {
  const planId = parseInput(PlanSchema, plan);
  const user = await resolveUser(email);
  await setWorkspacePlan(user.workspaceId, planId);
  return summary(user.email, user.id, user.workspaceId);
}

export const QuotasSchema = z
  .object({
    /** The workspace's monthly token quota; "plan" (null) = the plan's. */
    tokens: WorkspaceQuotaSchema.optional(),
    /** The member's own monthly cap in the workspace; "none" (null) = no cap. */
    memberTokens: MemberQuotaSchema.optional(),
  })
  .refine((q) => q.tokens !== undefined || q.memberTokens !== undefined, {
    error: "Give a workspace quota (tokens) or a member cap (member tokens)",
  });

/**
 * Sets the monthly token quota override of the user's personal workspace and/or the user's own
 * cap in it. Both values are validated before either is written.
 */
export async function setQuotas(email: unknown, input: z.input<typeof QuotasSchema>): Promise<QuotaSummary> {
  const quotas = parseInput(QuotasSchema, input);
  const user = await resolveUser(email);
  if (quotas.tokens !== undefined) await setWorkspaceTokenQuota(user.workspaceId, quotas.tokens);
  if (quotas.memberTokens !== undefined) {
    if (!(await setMemberTokenQuota(user.workspaceId, user.id, quotas.memberTokens))) {
      throw new AppError("not_found", `User ${user.email} is not a member of their personal workspace`);
    }
  }
  return summary(user.email, user.id, user.workspaceId);
}

export interface UsageSummary extends QuotaSummary {
  /** "YYYY-MM" (UTC). */
  period: string;
  used: number;
  reserved: number;
  remaining: number;
  /** The member's own counter, when a per-member cap is set. */
  member: { used: number; reserved: number; remaining: number } | null;
}

/** The plan, the limit and this month's tokens used/reserved/remaining in the user's workspace. */
export async function usageFor(email: unknown): Promise<UsageSummary> {
  const user = await resolveUser(email);
  const limits = await limitsOf(user.id, user.workspaceId);
  const period = currentPeriod();
  const counter = await readCounter({ workspaceId: user.workspaceId, userId: "", period });
  const remaining = await remainingTokens(user.workspaceId, limits);
  let member: UsageSummary["member"] = null;
  if (limits.memberTokenQuota !== null) {
    const own = await readCounter({ workspaceId: user.workspaceId, userId: user.id, period });
    member = { ...own, remaining: Math.max(0, limits.memberTokenQuota - own.used - own.reserved) };
  }
  return {
    ...(await summary(user.email, user.id, user.workspaceId)),
    period,
    used: counter.used,
    reserved: counter.reserved,
    remaining,
    member,
  };
}
