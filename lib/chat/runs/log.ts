import type Redis from "ioredis";
import type { GenerationDelta } from "@/lib/providers/types";
import { dedicatedRedis, redis } from "@/lib/redis";
import type { ChatOutcome } from "../pipeline";

/**
 * A generation is a log: every run appends its events (deltas, then one end) and every reader
 * follows it from an offset — the text so far, then the rest. The log of a run lives in the
 * process that runs it and, with `REDIS_URL`, in a Redis Stream every instance reads.
 * Offsets are the log's own: an entry's index in process, a stream entry id in Redis.
 */
export type LogEvent = { type: "delta"; delta: GenerationDelta } | { type: "end"; outcome: ChatOutcome };

export interface LogEntry {
  offset: string;
  event: LogEvent;
}

/** The offset before the first entry. */
export const LOG_START = "0";
/** How long a finished run's log stays readable (a reader that arrives later reads the database). */
const ENDED_TTL_MS = 60_000;
/** A log with no end expires anyway: its run died, and the reaper has finished it long since. */
const RUNNING_TTL_MS = 3_600_000;
/** Redis Stream entries kept (each holds the events of ~30 ms): trimmed beyond. */
const MAX_ENTRIES = 20_000;
const FLUSH_MS = 30;

// ——— In process ———

interface LocalLog {
  entries: LogEntry[];
  wake: Set<() => void>;
}

const holder = globalThis as { spjGenerationLogs?: Map<string, LocalLog> };
holder.spjGenerationLogs ??= new Map();
const local = holder.spjGenerationLogs;

/** Opens the run's log in this process (before its first event, so early readers wait here). */
export function openLog(id: string): void {
  localLog(id);
}

function localLog(id: string): LocalLog {
  let log = local.get(id);
  if (!log) {
    log = { entries: [], wake: new Set() };
    local.set(id, log);
  }
  return log;
}

/** True when this process holds the run's log (it runs it, or ran it a moment ago). */
export function isLocalLog(id: string): boolean {
  return local.has(id);
}

async function* readLocal(id: string, from: string, signal?: AbortSignal): AsyncGenerator<LogEntry> {
  const log = local.get(id);
  if (!log) return;
  // An in-process offset counts the entries up to and including it.
  let next = Number(from) || 0;
  while (!signal?.aborted) {
    while (next < log.entries.length) {
      const entry = log.entries[next++] as LogEntry;
      yield entry;
      if (entry.event.type === "end") return;
    }
    await new Promise<void>((resolve) => {
      const wake = () => {
        log.wake.delete(wake);
        signal?.removeEventListener("abort", wake);
        resolve();
      };
      log.wake.add(wake);
      signal?.addEventListener("abort", wake, { once: true });
    });
  }
}

// ——— Redis ———

/** Keys of one run share a hash tag, so they live on one Redis Cluster slot. */
export const redisKeys = (id: string) => ({
  log: `spj:gen:{${id}}:log`,
  readers: `spj:gen:{${id}}:readers`,
});

interface Pending {
  events: LogEvent[];
  timer: ReturnType<typeof setTimeout> | null;
}
const pending = new Map<string, Pending>();

/** Events go to Redis in batches (one stream entry per ~30 ms), in order, over one connection. */
function flushToRedis(redis: Redis, id: string): void {
  const batch = pending.get(id);
  if (!batch || batch.events.length === 0) return;
  if (batch.timer) clearTimeout(batch.timer);
  pending.delete(id);
  const ended = batch.events.at(-1)?.type === "end";
  const key = redisKeys(id).log;
  redis
    .multi()
    .xadd(key, "MAXLEN", "~", MAX_ENTRIES, "*", "e", JSON.stringify(batch.events))
    .pexpire(key, ended ? ENDED_TTL_MS : RUNNING_TTL_MS)
    .exec()
    .catch((error) => console.error("generation log: could not write to Redis", error));
}

type StreamEntries = [string, string[]][];

/** A Redis offset is `<stream entry id>/<index of the event in that entry>`. */
async function* readRedis(id: string, from: string, signal?: AbortSignal): AsyncGenerator<LogEntry> {
  const redis = dedicatedRedis();
  if (!redis) return;
  const stop = () => redis.disconnect();
  signal?.addEventListener("abort", stop, { once: true });
  const key = redisKeys(id).log;
  const [fromEntry = LOG_START, fromIndex] = from.split("/");
  let last = fromEntry;
  function* eventsOf(entries: StreamEntries, after: number): Generator<LogEntry> {
    for (const [entryId, fields] of entries) {
      last = entryId;
      const events = JSON.parse(fields[1] ?? "[]") as LogEvent[];
      for (let i = after + 1; i < events.length; i++) yield { offset: `${entryId}/${i}`, event: events[i] as LogEvent };
      after = -1;
    }
  }
  try {
    // The rest of the entry the offset points into, then the entries after it.
    let entries: StreamEntries = fromIndex === undefined ? [] : await redis.xrange(key, fromEntry, fromEntry);
    let after = fromIndex === undefined ? -1 : Number(fromIndex);
    while (!signal?.aborted) {
      for (const entry of eventsOf(entries, after)) {
        yield entry;
        if (entry.event.type === "end") return;
      }
      after = -1;
      const reply = (await redis.xread("COUNT", 100, "BLOCK", 5_000, "STREAMS", key, last)) as
        | [string, StreamEntries][]
        | null;
      entries = reply?.[0]?.[1] ?? [];
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
  } finally {
    signal?.removeEventListener("abort", stop);
    redis.disconnect();
  }
}

// ——— The log ———

/** Appends an event to the run's log, here and (batched) in Redis. */
export function appendEvent(id: string, event: LogEvent): void {
  const log = localLog(id);
  log.entries.push({ offset: String(log.entries.length + 1), event });
  for (const wake of [...log.wake]) wake();
  const client = redis();
  if (client) {
    let batch = pending.get(id);
    if (!batch) {
      batch = { events: [], timer: null };
      pending.set(id, batch);
    }
    batch.events.push(event);
    if (event.type === "end") flushToRedis(client, id);
    else batch.timer ??= setTimeout(() => flushToRedis(client, id), FLUSH_MS);
  }
  if (event.type === "end") setTimeout(() => local.delete(id), ENDED_TTL_MS).unref?.();
}

/**
 * Follows the run's log from `from`: every entry after it, then each new one as it comes, until
 * the end event or `signal`. Read in process when this process runs it, else from Redis; without
 * Redis another instance's run cannot be followed (see `canFollow`).
 */
export function readLog(id: string, from = LOG_START, signal?: AbortSignal): AsyncGenerator<LogEntry> {
  return isLocalLog(id) ? readLocal(id, from, signal) : readRedis(id, from, signal);
}

/** Whether a run can be followed from here: its log is here, or every instance shares Redis. */
export function canFollow(id: string): boolean {
  return isLocalLog(id) || redis() !== null;
}
