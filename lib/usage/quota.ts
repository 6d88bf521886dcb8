import { type CounterKey, readCounter, settle, tryReserve } from "@/lib/db/quota-counters";
import { transact } from "@/lib/db/statements";
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
  /** The answer's token limit (max_tokens) that fits in the reservation. */
  answerTokens: number;
}

/** Below this, an answer is not worth sending: the request is refused instead of cut to nothing. */
export const MIN_ANSWER_TOKENS = 32;
/** Each failed attempt means another request changed the counter meanwhile. */
const RESERVE_ATTEMPTS = 10;

export function currentPeriod(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

export function monthlyLimit(limits: WorkspaceLimits): number {
  return limits.tokenQuota ?? planOf(limits.plan).monthlyTokens;
}

/** The API's exact message; `tokensLeft` lets the browser say how many were left. */
function quotaExceeded(tokensLeft: number): AppError {
  return new AppError("quota_exceeded", "Token limit exceeded", { tokensLeft: Math.max(0, tokensLeft) });
}

/**
 * Reserves the prompt and an answer of up to `answer` tokens in the workspace's counter (and the
 * member's, with a cap of their own). When the full answer does not fit, the answer is lowered
 * to what is left; only when not even a minimal answer fits is the request refused.
 */
export async function reserveTokens(
  workspaceId: string,
  userId: string,
  limits: WorkspaceLimits,
  need: { prompt: number; answer: number },
): Promise<Reservation> {
  const period = currentPeriod();
  const counters: { key: CounterKey; limit: number }[] = [
    { key: { workspaceId, userId: "", period }, limit: monthlyLimit(limits) },
  ];
  if (limits.memberTokenQuota !== null) {
    counters.push({ key: { workspaceId, userId, period }, limit: limits.memberTokenQuota });
  }
  const smallest = Math.min(MIN_ANSWER_TOKENS, need.answer);
  let left = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt++) {
    // The full answer first (the common case, one statement); then as much as is left.
    if (attempt > 0) left = await tokensLeftIn(counters);
    const answer = Math.min(need.answer, left - need.prompt);
    if (answer < smallest) throw quotaExceeded(left);
    const amount = need.prompt + answer;
    if (await reserveEach(counters, amount)) return { keys: counters.map((c) => c.key), amount, answerTokens: answer };
  }
  throw quotaExceeded(left);
}

/** Reserves `amount` in every counter, or in none. Each reservation is atomic (tryReserve). */
async function reserveEach(counters: { key: CounterKey; limit: number }[], amount: number): Promise<boolean> {
  const done: CounterKey[] = [];
  for (const { key, limit } of counters) {
    if (!(await tryReserve(key, amount, limit))) {
      await releaseReservation({ keys: done, amount, answerTokens: 0 });
      return false;
    }
    done.push(key);
  }
  return true;
}

async function tokensLeftIn(counters: { key: CounterKey; limit: number }[]): Promise<number> {
  let left = Number.POSITIVE_INFINITY;
  for (const { key, limit } of counters) {
    const { used, reserved } = await readCounter(key);
    left = Math.min(left, limit - used - reserved);
  }
  return left;
}

/** Gives a reservation back unused (the request failed before reaching the upstream). */
export async function releaseReservation(reservation: Reservation): Promise<void> {
  await transact(function* () {
    for (const key of reservation.keys) yield* settle(key, reservation.amount, 0);
  });
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
