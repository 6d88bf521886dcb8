import cluster from "node:cluster";
import { RateLimiterCluster, RateLimiterMemory, RateLimiterRedis, type RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { redis } from "@/lib/redis";
import type { Plan } from "./plans";

/**
 * Requests-per-minute and tokens-per-minute, per subject (an API key, or a signed-in user) and
 * per workspace. With REDIS_URL the counters live in Redis, so several app instances share
 * them; otherwise in this instance: in the primary of `npm start`'s workers (scripts/server.ts),
 * so that every worker counts against the same limits, or in this process.
 */
type Limiter = RateLimiterMemory | RateLimiterRedis | RateLimiterCluster;

/** Set by scripts/server.ts for its workers, whose primary holds the counters. */
export const CLUSTER_LIMITS_ENV = "SPJ_CLUSTER_LIMITS";

/**
 * How long a worker waits for the primary's answer. The library's 5 s failed 65 of 600 requests
 * (HTTP 500) at 200 streams on a loaded machine: a worker whose event loop was held up that long
 * runs the expired timer before it reads the answer waiting for it. A burst queues, never fails.
 */
const CLUSTER_ANSWER_MS = 30_000;

function localLimiter(options: { keyPrefix: string; points: number; duration: number }): Limiter {
  return cluster.isWorker && process.env[CLUSTER_LIMITS_ENV] === "1"
    ? new RateLimiterCluster({ ...options, timeoutMs: CLUSTER_ANSWER_MS })
    : new RateLimiterMemory(options);
}

const holder = globalThis as { spjLimiters?: Map<string, Limiter> };

function limiter(kind: "rpm" | "tpm", points: number): Limiter {
  return limiterFor(`${kind}:${points}`, points, 60);
}

function limiterFor(id: string, points: number, duration: number): Limiter {
  holder.spjLimiters ??= new Map();
  let found = holder.spjLimiters.get(id);
  if (!found) {
    const options = { keyPrefix: `spj:${id}`, points, duration };
    const client = redis();
    found = client ? new RateLimiterRedis({ ...options, storeClient: client }) : localLimiter(options);
    holder.spjLimiters.set(id, found);
  }
  return found;
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
  const checks = [
    { limit: plan.requestsPerMinute, key: subject, points: 1, kind: "rpm" as const },
    { limit: plan.requestsPerMinute, key: `ws:${workspaceId}`, points: 1, kind: "rpm" as const },
    { limit: plan.tokensPerMinute, key: subject, points: tokens, kind: "tpm" as const },
    { limit: plan.tokensPerMinute, key: `ws:${workspaceId}`, points: tokens, kind: "tpm" as const },
  ];
  const results = await Promise.allSettled(checks.map((c) => limiter(c.kind, c.limit).consume(c.key, c.points)));
  const now = Date.now();
  const state = (limit: number, res: Pick<RateLimiterRes, "msBeforeNext" | "remainingPoints">): RateLimitState => ({
    limit,
    remaining: Math.max(0, res.remainingPoints),
    reset: Math.ceil((now + res.msBeforeNext) / 1000),
  });
  for (const [i, result] of results.entries()) {
    if (result.status === "fulfilled") continue;
    const refusal = refusalOf(result.reason);
    if (!refusal) throw result.reason;
    const check = checks[i];
    const limited = state(check?.limit ?? 0, refusal);
    throw new AppError(
      "rate_limited",
      "Rate limit exceeded",
      {},
      {
        "Retry-After": String(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))),
        ...rateLimitHeaders(limited),
      },
    );
  }
  const first = results[0];
  return first?.status === "fulfilled"
    ? state(plan.requestsPerMinute, first.value)
    : { limit: plan.requestsPerMinute, remaining: 0, reset: 0 };
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
  const fixed = limiterFor(`${name}:${limit.points}:${limit.durationSeconds}`, limit.points, limit.durationSeconds);
  const results = await Promise.allSettled(keys.map((key) => fixed.consume(key)));
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    const refusal = refusalOf(result.reason);
    if (!refusal) throw result.reason;
    const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    throw new AppError(
      "rate_limited",
      "Too many attempts. Try again in a few minutes.",
      {},
      { "Retry-After": String(seconds) },
    );
  }
}
