import { requestStop, stopsRequested } from "@/lib/db/generations";
import { redis, subscribe } from "@/lib/redis";
import { redisKeys } from "./log";

/**
 * What the instances running answers and the ones serving readers tell each other: Stop (Redis
 * pub/sub, or the Generation row without Redis) and whether anybody still reads an answer.
 */

const STOP_CHANNEL = "spj:gen:stop";

/** Asks whichever instance runs the answer to stop it. */
export async function signalStop(id: string): Promise<void> {
  const client = redis();
  if (client) await client.publish(STOP_CHANNEL, id);
  else await requestStop(id);
}

/**
 * Calls `handler` with the id of each answer somebody asked to stop from another instance. With
 * Redis it is pushed; without, `pollStops` reads the database (the running instance calls it).
 */
export function subscribeToStops(handler: (id: string) => void): void {
  subscribe(STOP_CHANNEL, handler);
}

/** Without Redis: the running answers somebody asked to stop through the database. */
export async function pollStops(ids: string[]): Promise<string[]> {
  return redis() ? [] : stopsRequested(ids);
}

// ——— Readers' presence: an answer nobody reads any more stops (a closed tab), wherever it runs ———

const present = new Map<string, number>();

/** A reader is here, for the next `ttlMs`. */
export function markRead(id: string, ttlMs: number): void {
  const client = redis();
  if (client) void client.set(redisKeys(id).readers, "1", "PX", ttlMs).catch(() => {});
  else present.set(id, Date.now() + ttlMs);
}

/** Whether a reader was there within its last mark's time. */
export async function isRead(id: string): Promise<boolean> {
  const client = redis();
  if (client) return (await client.exists(redisKeys(id).readers)) === 1;
  const until = present.get(id);
  if (until !== undefined && until < Date.now()) present.delete(id);
  return until !== undefined && until >= Date.now();
}
