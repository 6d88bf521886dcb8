import cluster from "node:cluster";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { redis } from "@/lib/redis";
import { type ClusterCheck, type ClusterCheckResult, checkInPrimary } from "./cluster-limits";
import type { Plan } from "./plans";

/**
 * Requests-per-minute and tokens-per-minute, per subject (an API key, or a signed-in user) and
 * per workspace. With REDIS_URL the counters live in Redis, so several app instances share
 * them; otherwise in this instance: in the primary of `npm start`'s workers (scripts/server.ts),
 * so that every worker counts against the same limits, or in this process.
 */
type Limiter = RateLimiterMemory | RateLimiterRedis;

/** Set by scripts/server.ts for its workers, whose primary holds the counters. */
export const CLUSTER_LIMITS_ENV = "SPJ_CLUSTER_LIMITS";

const holder = globalThis as { spjLimiters?: Map<string, Limiter> };

function limiterFor(keyPrefix: string, points: number, duration: number): Limiter {
  holder.spjLimiters ??= new Map();
  const id = `${keyPrefix}|${points}|${duration}`;
  let found = holder.spjLimiters.get(id);
  if (!found) {
    const options = { keyPrefix, points, duration };
    const client = redis();
    found = client ? new RateLimiterRedis({ ...options, storeClient: client }) : new RateLimiterMemory(options);
    holder.spjLimiters.set(id, found);
  }
  return found;
}

/**
 * Counts every check: in Redis when it is set, else in the primary of `npm start`'s workers (one
 * message for all of them, lib/usage/cluster-limits.ts), else in this process. A failure that is
 * not a refusal (Redis down) throws.
 */
async function consumeAll(checks: ClusterCheck[]): Promise<ClusterCheckResult[]> {
  if (!redis() && cluster.isWorker && process.env[CLUSTER_LIMITS_ENV] === "1") return checkInPrimary(checks);
  return Promise.all(
    checks.map(async ({ keyPrefix, points, duration, key, consume }): Promise<ClusterCheckResult> => {
      try {
        const res = await limiterFor(keyPrefix, points, duration).consume(key, consume);
        return { allowed: true, msBeforeNext: res.msBeforeNext, remainingPoints: res.remainingPoints };
      } catch (reason) {
        const refusal = refusalOf(reason);
        if (!refusal) throw reason;
        return { allowed: false, ...refusal };
      }
    }),
  );
}

/**
 * The limiter's refusal in a rejected `consume`, or null for any other failure (Redis down).
 * Not `instanceof RateLimiterRes`: the limiters live on globalThis, shared by routes that Next
 * bundles separately, each with its own copy of the class.
 */
export function refusalOf(reason: unknown): Pick<RateLimiterRes, "msBeforeNext" | "remainingPoints"> | null {
  const res = reason as Partial<RateLimiterRes> | null;
  return typeof res?.msBeforeNext === "number" && !(reason instanceof Error)
    ? { msBeforeNext: res.msBeforeNext, remainingPoints: res.remainingPoints ?? 0 }
    : null;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Unix time (seconds) when the current window ends. */
  reset: number;
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(state.reset),
  };
}

/**
 * Counts this request against every limit at once; throws a 429 AppError (with Retry-After and
 * X-RateLimit-* headers) if any is exceeded. Returns the request limit's state for the headers
 * of a successful response.
 */
export async function checkRateLimits(input: {
  plan: Plan;
  subject: string;
  workspaceId: string;
  tokens: number;
}): Promise<RateLimitState> {
  const { plan, subject, workspaceId } = input;
  const tokens = Math.min(input.tokens, plan.tokensPerMinute);
  const minute = (kind: "rpm" | "tpm", limit: number, key: string, consume: number): ClusterCheck => ({
    keyPrefix: `spj:${kind}:${limit}`,
    points: limit,
    duration: 60,
    key,
    consume,
  });
  const checks = [
    minute("rpm", plan.requestsPerMinute, subject, 1),
    minute("rpm", plan.requestsPerMinute, `ws:${workspaceId}`, 1),
    minute("tpm", plan.tokensPerMinute, subject, tokens),
    minute("tpm", plan.tokensPerMinute, `ws:${workspaceId}`, tokens),
  ];
  const results = await consumeAll(checks);
  const now = Date.now();
  const state = (limit: number, res: ClusterCheckResult): RateLimitState => ({
    limit,
    remaining: Math.max(0, res.remainingPoints),
    reset: Math.ceil((now + res.msBeforeNext) / 1000),
  });
  for (const [i, result] of results.entries()) {
    if (result.allowed) continue;
    const limited = state(checks[i]?.points ?? 0, result);
    throw new AppError(
      "rate_limited",
      "Rate limit exceeded",
      {},
      {
        "Retry-After": String(Math.max(1, Math.ceil(result.msBeforeNext / 1000))),
        ...rateLimitHeaders(limited),
      },
    );
  }
  const first = results[0];
  return first ? state(plan.requestsPerMinute, first) : { limit: plan.requestsPerMinute, remaining: 0, reset: 0 };
}

/**
 * A fixed budget of attempts per window for each of `keys` (say, an email and a client address),
 * for doors that are not chat requests (the "Forgot password?" form). Throws a 429 AppError
 * when any key has used its budget.
 */
export async function consumeFixedLimit(
  name: string,
  keys: string[],
  limit: { points: number; durationSeconds: number },
): Promise<void> {
  const keyPrefix = `spj:${name}:${limit.points}:${limit.durationSeconds}`;
  const results = await consumeAll(
    keys.map((key) => ({ keyPrefix, points: limit.points, duration: limit.durationSeconds, key, consume: 1 })),
  );
  for (const refusal of results) {
    if (refusal.allowed) continue;
    const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    throw new AppError(
      "rate_limited",
      "Too many attempts. Try again in a few minutes.",
      {},
      { "Retry-After": String(seconds) },
    );
  }
}
