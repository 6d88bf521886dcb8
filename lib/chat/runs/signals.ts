import { requestStop, stopsRequested } from "@/lib/db/generations";
import { dedicatedRedis, sharedRedis } from "@/lib/redis";
import { redisKeys } from "./log";

/**
 * What the instances running answers and the ones serving readers tell each other: Stop (Redis
 * pub/sub, or the Generation row without Redis) and whether anybody still reads an answer.
 */

const STOP_CHANNEL = "spj:gen:stop";

/** Asks whichever instance runs the answer to stop it. */
export async function signalStop(id: string): Promise<void> {
  const redis = sharedRedis();
  if (redis) await redis.publish(STOP_CHANNEL, id);
  else await requestStop(id);
}

const holder = globalThis as { spjStopSubscription?: Promise<unknown> };

/**
 * Calls `handler` with the id of each answer somebody asked to stop from another instance. With
 * Redis it is pushed; without, `pollStops` reads the database (the running instance calls it).
 */
export function subscribeToStops(handler: (id: string) => void): void {
  if (holder.spjStopSubscription) return;
  const redis = dedicatedRedis();
  if (!redis) {
    holder.spjStopSubscription = Promise.resolve();
    return;
  }
  redis.on("message", (_channel: string, id: string) => handler(id));
  holder.spjStopSubscription = redis
    .subscribe(STOP_CHANNEL)
    .catch((error) => console.error("generation: could not subscribe to Stop signals", error));
}

/** Without Redis: the running answers somebody asked to stop through the database. */
export async function pollStops(ids: string[]): Promise<string[]> {
  return sharedRedis() ? [] : stopsRequested(ids);
}

// ——— Readers' presence: an answer nobody reads any more stops (a closed tab), wherever it runs ———

const present = new Map<string, number>();

/** A reader is here, for the next `ttlMs`. */
export function markRead(id: string, ttlMs: number): void {
  const redis = sharedRedis();
  if (redis) void redis.set(redisKeys(id).readers, "1", "PX", ttlMs).catch(() => {});
  else present.set(id, Date.now() + ttlMs);
}

/** Whether a reader was there within its last mark's time. */
export async function isRead(id: string): Promise<boolean> {
  const redis = sharedRedis();
  if (redis) return (await redis.exists(redisKeys(id).readers)) === 1;
  const until = present.get(id);
  if (until !== undefined && until < Date.now()) present.delete(id);
  return until !== undefined && until >= Date.now();
}
