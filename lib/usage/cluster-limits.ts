import cluster, { type Worker } from "node:cluster";
import { randomUUID } from "node:crypto";
import { RateLimiterMemory } from "rate-limiter-flexible";

/**
 * Rate limits shared by the workers of `npm start` without Redis: the counters live in the
 * primary (scripts/server.ts) and a worker asks it for all of a request's checks in one message.
 * (rate-limiter-flexible's cluster limiter sends one message per check: four a request, each a
 * write and a read on both sides, ~8 % of the gateway's CPU at 50 streams.)
 */

/** One limit to count against: which limiter (its prefix, points and window) and what to take. */
export interface ClusterCheck {
  keyPrefix: string;
  points: number;
  duration: number;
  key: string;
  consume: number;
}

/** What a check came to: let through or refused, with the limiter's state either way. */
export interface ClusterCheckResult {
  allowed: boolean;
  msBeforeNext: number;
  remainingPoints: number;
}

const ASK = "spj:limits?";
const ANSWER = "spj:limits";

interface Ask {
  spj: typeof ASK;
  id: string;
  checks: ClusterCheck[];
}
interface Answer {
  spj: typeof ANSWER;
  id: string;
  results?: ClusterCheckResult[];
  error?: string;
}

/** In the primary: answers the workers' checks from its own counters. */
export function serveClusterLimits(): void {
  const limiters = new Map<string, RateLimiterMemory>();
  const limiterOf = ({ keyPrefix, points, duration }: ClusterCheck) => {
    const id = `${keyPrefix}|${points}|${duration}`;
    let found = limiters.get(id);
    if (!found) {
      found = new RateLimiterMemory({ keyPrefix, points, duration });
      limiters.set(id, found);
    }
    return found;
  };
  cluster.on("message", (worker: Worker, message: unknown) => {
    const ask = message as Partial<Ask>;
    if (ask?.spj !== ASK || !ask.id || !Array.isArray(ask.checks)) return;
    const { id, checks } = ask as Ask;
    Promise.all(
      checks.map((check) =>
        limiterOf(check)
          .consume(check.key, check.consume)
          .then(
            (res) => ({ allowed: true, msBeforeNext: res.msBeforeNext, remainingPoints: res.remainingPoints }),
            (res: { msBeforeNext: number; remainingPoints: number }) => ({
              allowed: false,
              msBeforeNext: res.msBeforeNext,
              remainingPoints: res.remainingPoints,
            }),
          ),
      ),
    ).then(
      (results) => worker.send({ spj: ANSWER, id, results } satisfies Answer),
      (error: unknown) => worker.send({ spj: ANSWER, id, error: String(error) } satisfies Answer),
    );
  });
}

/**
 * How long a worker waits for the primary's answer. 5 s failed 65 of 600 requests (HTTP 500) at
 * 200 streams on a loaded machine: a worker whose event loop was held up that long runs the
 * expired timer before it reads the answer waiting for it. A burst queues, never fails.
 */
const ANSWER_WAIT_MS = 30_000;

// On globalThis: the Next bundle's copy of this module and the lean door's share one listener.
const holder = globalThis as {
  spjClusterLimits?: Map<string, { resolve: (r: ClusterCheckResult[]) => void; reject: (e: Error) => void }>;
};

function waiting() {
  if (!holder.spjClusterLimits) {
    const pending = new Map<string, { resolve: (r: ClusterCheckResult[]) => void; reject: (e: Error) => void }>();
    holder.spjClusterLimits = pending;
    process.on("message", (message: unknown) => {
      const answer = message as Partial<Answer>;
      if (answer?.spj !== ANSWER || !answer.id) return;
      const waiter = pending.get(answer.id);
      pending.delete(answer.id);
      if (answer.results) waiter?.resolve(answer.results);
      else waiter?.reject(new Error(`rate limits: ${answer.error ?? "no answer"}`));
    });
  }
  return holder.spjClusterLimits;
}

/** In a worker: every check counted by the primary, in one round trip. */
export function checkInPrimary(checks: ClusterCheck[]): Promise<ClusterCheckResult[]> {
  const pending = waiting();
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error("rate limits: no answer from the primary in time"));
    }, ANSWER_WAIT_MS);
    const settle = {
      resolve: (results: ClusterCheckResult[]) => {
        clearTimeout(timer);
        resolve(results);
      },
      reject: (error: Error) => {
        clearTimeout(timer);
        reject(error);
      },
    };
    pending.set(id, settle);
    process.send?.({ spj: ASK, id, checks } satisfies Ask, undefined, undefined, (error: Error | null) => {
      if (error) settle.reject(error);
    });
  });
}
