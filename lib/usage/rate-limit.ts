import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { sharedRedis } from "@/lib/redis";
import type { Plan } from "./plans";

/**
 * Requests-per-minute and tokens-per-minute, per subject (an API key, or a signed-in user) and
 * per workspace. With REDIS_URL the counters live in Redis, so several app instances share
 * them; otherwise in this process (a single instance).
 */
type Limiter = RateLimiterMemory | RateLimiterRedis;

const holder = globalThis as { spjLimiters?: Map<string, Limiter> };

function limiter(kind: "rpm" | "tpm", points: number): Limiter {
  holder.spjLimiters ??= new Map();
  const id = `${kind}:${points}`;
  let found = holder.spjLimiters.get(id);
  if (!found) {
    const options = { keyPrefix: `spj:${id}`, points, duration: 60 };
    const client = sharedRedis();
    found = client ? new RateLimiterRedis({ ...options, storeClient: client }) : new RateLimiterMemory(options);
    holder.spjLimiters.set(id, found);
  }
  return found;
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
  const state = (limit: number, res: RateLimiterRes): RateLimitState => ({
    limit,
    remaining: Math.max(0, res.remainingPoints),
    reset: Math.ceil((now + res.msBeforeNext) / 1000),
  });
  for (const [i, result] of results.entries()) {
    if (result.status === "fulfilled") continue;
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
    const check = checks[i];
    const limited = state(check?.limit ?? 0, result.reason);
    throw new AppError(
      "rate_limited",
      "Rate limit exceeded",
      {},
      {
        "Retry-After": String(Math.max(1, Math.ceil(result.reason.msBeforeNext / 1000))),
        ...rateLimitHeaders(limited),
      },
    );
  }
  const first = results[0];
  return first?.status === "fulfilled"
    ? state(plan.requestsPerMinute, first.value)
    : { limit: plan.requestsPerMinute, remaining: 0, reset: 0 };
}
