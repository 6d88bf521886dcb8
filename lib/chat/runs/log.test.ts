import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatOutcome } from "../pipeline";
import { appendEvent, type LogEntry, openLog, readLog, redisKeys } from "./log";

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn("[redis] SKIPPED: TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379).");

const shared = globalThis as { spjRedis?: unknown; spjGenerationLogs?: Map<string, unknown> };
const outcome = { status: "COMPLETE", content: "Hello, world" } as ChatOutcome;

async function collect(entries: AsyncGenerator<LogEntry>): Promise<{ text: string; offsets: string[]; end: unknown }> {
  const seen = { text: "", offsets: [] as string[], end: null as unknown };
  for await (const { offset, event } of entries) {
    seen.offsets.push(offset);
    if (event.type === "end") seen.end = event.outcome;
    else if (event.delta.type === "text") seen.text += event.delta.text;
  }
  return seen;
}

/** The log as another instance sees it: only through Redis. */
function forgetLocally(id: string): void {
  shared.spjGenerationLogs?.delete(id);
}

describe.skipIf(!redisUrl)("a generation's log in Redis, read by another instance", () => {
  beforeAll(() => {
    process.env.REDIS_URL = redisUrl;
    shared.spjRedis = undefined;
  });
  afterAll(() => {
    delete process.env.REDIS_URL;
    shared.spjRedis = undefined;
  });

  it("replays the text so far, then follows the rest to the end; resumes from any offset", async () => {
    const id = randomUUID();
    openLog(id);
    appendEvent(id, { type: "delta", delta: { type: "text", text: "Hello" } });
    appendEvent(id, { type: "delta", delta: { type: "reasoning", text: "thinking" } });
    await new Promise((r) => setTimeout(r, 100));
    forgetLocally(id);
    const following = collect(readLog(id));
    await new Promise((r) => setTimeout(r, 100));
    openLog(id);
    appendEvent(id, { type: "delta", delta: { type: "text", text: ", " } });
    appendEvent(id, { type: "delta", delta: { type: "text", text: "world" } });
    appendEvent(id, { type: "end", outcome });
    forgetLocally(id);
    const seen = await following;
    expect(seen.text).toBe("Hello, world");
    expect(seen.end).toEqual(outcome);

    // From the offset of each event: exactly the events after it.
    const [, second, third] = seen.offsets;
    expect((await collect(readLog(id, second))).text).toBe(", world");
    expect((await collect(readLog(id, third))).text).toBe("world");
  });

  it("expires the log after its end", async () => {
    const { default: Redis } = await import("ioredis");
    const redis = new Redis(redisUrl as string);
    const id = randomUUID();
    openLog(id);
    appendEvent(id, { type: "delta", delta: { type: "text", text: "x" } });
    appendEvent(id, { type: "end", outcome });
    await new Promise((r) => setTimeout(r, 100));
    const ttl = await redis.pttl(redisKeys(id).log);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    redis.disconnect();
  });

  it("stops reading when the reader goes away", async () => {
    const id = randomUUID();
    const reader = new AbortController();
    const reading = collect(readLog(id, "0", reader.signal));
    setTimeout(() => reader.abort(), 100);
    expect((await reading).end).toBeNull();
  });
});
