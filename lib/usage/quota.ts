import { db } from "@/lib/db/client";
import { type CounterKey, readCounter, settle, tryReserve } from "@/lib/db/quota-counters";
import { findMemberLimits, type WorkspaceLimits } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors";
import { planOf } from "./plans";

/**
 * Monthly token quotas, reset by calendar month (UTC) without a cron: the period is part of the
 * counter's key. Before forwarding, the worst case is reserved atomically; when the answer ends
 * (complete, stopped or failed) the reservation is settled to the actual usage, in the same
 * transaction as the ledger row (lib/db/turns.ts).
 */
export interface Reservation {
  keys: CounterKey[];
  amount: number;
}

export function currentPeriod(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

export function monthlyLimit(limits: WorkspaceLimits): number {
  return limits.tokenQuota ?? planOf(limits.plan).monthlyTokens;
}

export async function reserveTokens(
  workspaceId: string,
  userId: string,
  limits: WorkspaceLimits,
  amount: number,
): Promise<Reservation> {
  const period = currentPeriod();
  const workspaceKey = { workspaceId, userId: "", period };
  if (!(await tryReserve(workspaceKey, amount, monthlyLimit(limits)))) {
    throw new AppError("quota_exceeded", "Token limit exceeded");
  }
  if (limits.memberTokenQuota === null) return { keys: [workspaceKey], amount };
  const memberKey = { workspaceId, userId, period };
  if (!(await tryReserve(memberKey, amount, limits.memberTokenQuota))) {
    await releaseReservation({ keys: [workspaceKey], amount });
    throw new AppError("quota_exceeded", "Token limit exceeded");
  }
  return { keys: [workspaceKey, memberKey], amount };
}

/** Gives a reservation back unused (the request failed before reaching the upstream). */
export async function releaseReservation(reservation: Reservation): Promise<void> {
  for (const key of reservation.keys) await settle(db(), key, reservation.amount, 0);
}

/** This month's tokens left in a workspace, for the UI. */
export async function remainingTokens(workspaceId: string, limits: WorkspaceLimits): Promise<number> {
  const { used, reserved } = await readCounter({ workspaceId, userId: "", period: currentPeriod() });
  return Math.max(0, monthlyLimit(limits) - used - reserved);
}

/** What a member may still spend this month: the lower of the workspace's and their own cap. */
export async function tokensLeftFor(workspaceId: string, userId: string): Promise<number> {
  const limits = await findMemberLimits(workspaceId, userId);
  if (!limits) return 0;
  const workspaceLeft = await remainingTokens(workspaceId, limits);
  if (limits.memberTokenQuota === null) return workspaceLeft;
  const own = await readCounter({ workspaceId, userId, period: currentPeriod() });
  return Math.min(workspaceLeft, Math.max(0, limits.memberTokenQuota - own.used - own.reserved));
}

/** The first day of next month (UTC), when quotas start again. */
export function quotaResetsAt(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}
