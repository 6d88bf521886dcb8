import Redis from "ioredis";

/**
 * The process's Redis connections when `REDIS_URL` is set (null otherwise): one for commands
 * (rate limits, throttles, publishing), and one per subscribed channel, since a connection in
 * subscriber mode runs no other command. Kept on globalThis so Next's dev reloads reuse them.
 */
const holder = globalThis as { spjRedis?: Redis | null; spjSubscribers?: Map<string, Redis> };

const connect = (url: string) => new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: 2 });

export function redis(): Redis | null {
  if (holder.spjRedis === undefined) {
    const url = process.env.REDIS_URL;
    holder.spjRedis = url ? connect(url) : null;
  }
  return holder.spjRedis;
}

/** Calls `onMessage` with each message published on `channel`; false without Redis. */
export function subscribe(channel: string, onMessage: (message: string) => void): boolean {
  const url = process.env.REDIS_URL;
  if (!url) return false;
  holder.spjSubscribers ??= new Map();
  if (holder.spjSubscribers.has(channel)) return true;
  const subscriber = connect(url);
  subscriber.on("message", (from: string, message: string) => {
    if (from === channel) onMessage(message);
  });
  subscriber.on("error", () => {}); // reconnects on its own; callers keep a TTL as the backstop
  void subscriber.subscribe(channel).catch(() => {});
  holder.spjSubscribers.set(channel, subscriber);
  return true;
}

/** A connection of its own, for blocking reads (which hold a connection). */
export function dedicatedRedis(): Redis | null {
  const url = process.env.REDIS_URL;
  return url ? new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: null }) : null;
}
