import Redis from "ioredis";

/**
 * The process's Redis connection, when `REDIS_URL` is set: what several app instances share
 * (rate-limit counters, the generation logs and Stop signals). Null for a single instance.
 */
const holder = globalThis as { spjRedis?: Redis | null };

export function sharedRedis(): Redis | null {
  if (holder.spjRedis === undefined) {
    const url = process.env.REDIS_URL;
    holder.spjRedis = url ? new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: 2 }) : null;
  }
  return holder.spjRedis;
}

/** A connection of its own, for blocking reads and subscriptions (which hold a connection). */
export function dedicatedRedis(): Redis | null {
  const url = process.env.REDIS_URL;
  return url ? new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: null }) : null;
}
