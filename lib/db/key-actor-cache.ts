import cluster from "node:cluster";
import { redis } from "@/lib/redis";
import { findKeyActor, type KeyActorRow } from "./key-actors";

/**
 * API keys resolved in this process, by key hash, for at most ACTOR_CACHE_TTL_MS (1 s): a busy
 * key is read from the database once a second instead of on every request.
 *
 * A revocation, a disabled user, a role, plan or quota change calls `actorsChanged()`, which empties
 * this process's cache at once and tells every other process: through Redis pub/sub when
 * REDIS_URL is set, and to the other workers of `npm start` through the cluster's primary. A
 * process that misses the notice (no Redis, another machine, a lost connection) still drops
 * what it holds within the TTL, so a revoked key fails within a second on every instance.
 * Expiry is checked on every request against the cached expiry, so it is exact.
 */
const CHANNEL = "spj:actors-changed";
const MAX_ENTRIES = 10_000;

function ttlMs(): number {
  const value = Number(process.env.ACTOR_CACHE_TTL_MS ?? 1000);
  return Number.isFinite(value) && value >= 0 ? Math.min(value, 1000) : 1000;
}

interface Cached {
  row: KeyActorRow;
  expires: number;
}

const holder = globalThis as { spjKeyActors?: Map<string, Cached>; spjActorNotices?: boolean };

function cache(): Map<string, Cached> {
  if (!holder.spjKeyActors) {
    holder.spjKeyActors = new Map();
    listenForChanges();
  }
  return holder.spjKeyActors;
}

function forgetAll(): void {
  holder.spjKeyActors?.clear();
}

/** Listens for other processes' changes (once per process). */
function listenForChanges(): void {
  if (holder.spjActorNotices) return;
  holder.spjActorNotices = true;
  process.on("message", (message: unknown) => {
    if ((message as { spj?: string } | null)?.spj === CHANNEL) forgetAll();
  });
  const client = redis();
  if (!client) return;
  const subscriber = client.duplicate();
  // A (re)connected subscriber may have missed notices meanwhile.
  subscriber.on("ready", forgetAll);
  subscriber.on("message", forgetAll);
  subscriber.on("error", () => {});
  subscriber.subscribe(CHANNEL).catch((error: unknown) => console.error("actor cache: cannot subscribe", error));
}

/** The key's row, from this process's cache when it is younger than the TTL. */
export async function findKeyActorCached(hash: string): Promise<KeyActorRow | null> {
  const ttl = ttlMs();
  if (ttl === 0) return findKeyActor(hash);
  const entries = cache();
  const now = Date.now();
  const hit = entries.get(hash);
  if (hit && hit.expires > now) return hit.row;
  const row = await findKeyActor(hash);
  if (!row) {
    entries.delete(hash);
    return null;
  }
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(hash, { row, expires: now + ttl });
  return row;
}

/** Notes a touch of lastUsedAt in the cached row, so the next requests do not touch it again. */
export function noteKeyUsed(hash: string, at: number): void {
  const hit = holder.spjKeyActors?.get(hash);
  if (hit) hit.row = { ...hit.row, lastUsedAt: at };
}

/**
 * Call after any change to what a key may do (revoked, user disabled or enabled, membership,
 * role, plan, quotas): every process drops its cached keys.
 */
export async function actorsChanged(): Promise<void> {
  forgetAll();
  // The primary of `npm start` (scripts/server.ts) passes it on to the other workers.
  if (cluster.isWorker) process.send?.({ spj: CHANNEL });
  const client = redis();
  if (client) {
    await client.publish(CHANNEL, String(process.pid)).catch((error: unknown) => {
      console.error("actor cache: cannot announce a change (other instances see it within the TTL)", error);
    });
  }
}
