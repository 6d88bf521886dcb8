import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { followAnswer } from "@/lib/chat/runs/follow";
import type { ChatOutcome, ChatRun } from "@/lib/chat/pipeline";
import { createUserWithWorkspace, findActiveUser } from "@/lib/db/users";
import { type LocalUpstream, startLocalUpstream } from "@/lib/local-upstream/server";

/** `describe` for database suites: skipped when the project has no database (PostgreSQL off). */
export const describeDb = describe.skipIf(!process.env.DATABASE_URL);

export async function createTestActor(name = "Test User"): Promise<Actor & { email: string }> {
  const email = `user-${randomBytes(6).toString("hex")}@example.test`;
  const user = await createUserWithWorkspace({ email, name, passwordHash: null });
  const active = await findActiveUser(user.id);
  if (!active) throw new Error("the new user has no workspace");
  return { userId: user.id, workspaceId: active.workspaceId, via: "session", email };
}

/** The upstream's own key in tests: it must reach the upstream and nothing else. */
export const TEST_UPSTREAM_KEY = `sk-test-${randomBytes(12).toString("hex")}`;

/**
 * Starts the local upstream for a test file and points the app's config at it, with a server
 * key the upstream requires. Faults and recorded requests are reset before each test.
 */
export function withLocalUpstream(options: { chunkDelayMs?: number } = {}): { current: LocalUpstream } {
  const handle = {} as { current: LocalUpstream };
  beforeAll(async () => {
    handle.current = await startLocalUpstream({
      port: 0,
      chunkDelayMs: options.chunkDelayMs ?? 0,
      requireKey: TEST_UPSTREAM_KEY,
    });
    process.env.CHAT_API_BASE_URL = handle.current.baseUrl;
    process.env.CHAT_API_KEY = TEST_UPSTREAM_KEY;
    process.env.CHAT_FIRST_BYTE_TIMEOUT_MS = "2000";
  });
  beforeEach(() => handle.current.reset());
  afterAll(() => handle.current.close());
  return handle;
}

/** Reads a run's log to its end: the text deltas, their concatenation, and how it ended. */
export async function collect(run: ChatRun): Promise<{ chunks: string[]; text: string; outcome: ChatOutcome }> {
  const chunks: string[] = [];
  for await (const { event } of followAnswer(run.answerId)) {
    if (event.type === "delta" && event.delta.type === "text") chunks.push(event.delta.text);
  }
  return { chunks, text: chunks.join(""), outcome: await run.finished };
}

/** Waits for the run's first text delta. */
export async function firstDelta(run: ChatRun): Promise<string> {
  for await (const { event } of followAnswer(run.answerId)) {
    if (event.type === "delta" && event.delta.type === "text") return event.delta.text;
  }
  throw new Error("the answer ended without text");
}

/** Polls until `check` returns a value (for state another process settles, like the upstream's). */
export async function eventually<T>(check: () => T | undefined | null | false, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
