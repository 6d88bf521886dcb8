import Redis from "ioredis";

/**
 * The process's Redis connection when REDIS_URL is set (what app instances share: rate limits,
 * the actor cache's change notices), else null. Kept on globalThis so that every route bundle
 * of Next shares one connection.
 */
const holder = globalThis as { spjRedis?: Redis | null };

export function redis(): Redis | null {
  if (holder.spjRedis === undefined) {
    const url = process.env.REDIS_URL;
    holder.spjRedis = url ? new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: 2 }) : null;
  }
  return holder.spjRedis;
}
