import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { redis } from "@/lib/redis";
import { refusalOf } from "@/lib/usage/rate-limit";

/**
 * Failed sign-ins are counted per account and per client address, shared through Redis when
 * REDIS_URL is set (in this process otherwise). Past the limit, sign-in is refused without
 * checking the password until the window ends; a successful sign-in clears the account's count.
 * A limiter's Redis failure lets the attempt through (the password check still applies).
 */
const WINDOW_SECONDS = 15 * 60;
export const FAILURES_PER_ACCOUNT = 10;
export const FAILURES_PER_ADDRESS = 50;

type Limiter = RateLimiterMemory | RateLimiterRedis;
const holder = globalThis as { spjSignInLimiters?: { account: Limiter; address: Limiter } };

function limiters(): { account: Limiter; address: Limiter } {
  if (!holder.spjSignInLimiters) {
    const client = redis();
    const make = (kind: string, points: number): Limiter => {
      const options = { keyPrefix: `spj:sign-in:${kind}`, points, duration: WINDOW_SECONDS };
      return client ? new RateLimiterRedis({ ...options, storeClient: client }) : new RateLimiterMemory(options);
    };
    holder.spjSignInLimiters = {
      account: make("account", FAILURES_PER_ACCOUNT),
      address: make("address", FAILURES_PER_ADDRESS),
    };
  }
  return holder.spjSignInLimiters;
}

/**
 * The client's address: the last X-Forwarded-For entry, the one the nearest proxy (or Next,
 * when there is none) wrote. Directly exposed, a client can write it itself; the per-account
 * limit holds regardless.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}

const accountKey = (email: string) => email.trim().toLowerCase();

/** Seconds until this account may try again from this address; 0 when it may now. */
export async function signInRetryAfter(email: string, address: string): Promise<number> {
  const { account, address: byAddress } = limiters();
  const [a, b] = await Promise.all([account.get(accountKey(email)), byAddress.get(address)]);
  const waits = [
    a && a.consumedPoints >= FAILURES_PER_ACCOUNT ? a.msBeforeNext : 0,
    b && b.consumedPoints >= FAILURES_PER_ADDRESS ? b.msBeforeNext : 0,
  ];
  const ms = Math.max(...waits);
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/**
 * Counts an attempt before its password is checked, so that a burst of concurrent attempts
 * cannot all get through; answers the seconds to wait (0: go ahead and check it).
 */
export async function countSignInAttempt(email: string, address: string): Promise<number> {
  const { account, address: byAddress } = limiters();
  const results = await Promise.allSettled([account.consume(accountKey(email)), byAddress.consume(address)]);
  let ms = 0;
  for (const result of results) {
    if (result.status === "rejected") ms = Math.max(ms, refusalOf(result.reason)?.msBeforeNext ?? 0);
  }
  return ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 0;
}

/** A right password: the attempt was no failure. */
export async function signInSucceeded(email: string, address: string): Promise<void> {
  const { account, address: byAddress } = limiters();
  await Promise.allSettled([account.delete(accountKey(email)), byAddress.reward(address, 1)]);
}

export function tooManySignIns(retryAfterSeconds: number): AppError {
  return new AppError(
    "rate_limited",
    `Too many sign-in attempts. Try again in ${waitText(retryAfterSeconds)}.`,
    { retryAfter: retryAfterSeconds },
    { "Retry-After": String(retryAfterSeconds) },
  );
}

function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
