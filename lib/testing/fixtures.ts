import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { ChatOutcome, ChatRun } from "@/lib/chat/pipeline";
import { followAnswer } from "@/lib/chat/runs/follow";
import { createUserWithWorkspace, findActiveUser } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { type LocalUpstream, startLocalUpstream } from "@/lib/local-upstream/server";
import { OFFLINE_CLAUDE_MODEL } from "@/lib/providers/config";
import type { GenerationDelta } from "@/lib/providers/types";

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
export function withLocalUpstream(options: { chunkDelayMs?: number; models?: string[] } = {}): {
  current: LocalUpstream;
} {
  const handle = {} as { current: LocalUpstream };
  beforeAll(async () => {
    handle.current = await startLocalUpstream({
      port: 0,
      chunkDelayMs: options.chunkDelayMs ?? 0,
      requireKey: TEST_UPSTREAM_KEY,
      models: options.models,
    });
    process.env.CHAT_API_BASE_URL = handle.current.baseUrl;
    process.env.CHAT_API_KEY = TEST_UPSTREAM_KEY;
    process.env.CHAT_FIRST_BYTE_TIMEOUT_MS = "2000";
  });
  beforeEach(() => handle.current.reset());
  afterAll(() => handle.current.close());
  return handle;
}

/**
 * The local upstream as two providers, one per wire format, configured by a providers file as an
 * operator writes it: model "llama" over OpenAI's chat completions (provider "local-openai") and
 * "claude" over Anthropic's messages ("local-anthropic"), each the other's fallback.
 */
export function withTwoProviders(): { current: LocalUpstream } {
  const upstream = withLocalUpstream({ models: ["llama-3.3-70b-versatile", OFFLINE_CLAUDE_MODEL] });
  beforeAll(() => {
    const file = path.join(tmpdir(), `spj-providers-${randomBytes(6).toString("hex")}.yaml`);
    writeFileSync(
      file,
      `providers:
  - { id: local-openai, type: openai-compatible, baseUrl: "${upstream.current.baseUrl}", apiKeyEnv: LOCAL_OPENAI_KEY }
  - { id: local-anthropic, type: anthropic, baseUrl: "${upstream.current.baseUrl}", apiKeyEnv: LOCAL_ANTHROPIC_KEY }
models:
  - id: llama
    provider: local-openai
    upstreamModel: llama-3.3-70b-versatile
    pricing: { input: 0.001, output: 0.002 }
    capabilities: [tools, json, vision]
    fallbacks: [claude]
  - id: claude
    provider: local-anthropic
    upstreamModel: ${OFFLINE_CLAUDE_MODEL}
    pricing: { input: 0.003, output: 0.015 }
    capabilities: [tools, reasoning, vision]
    fallbacks: [llama]
`,
    );
    vi.stubEnv("SPJ_PROVIDERS_FILE", file);
    vi.stubEnv("LOCAL_OPENAI_KEY", TEST_UPSTREAM_KEY);
    vi.stubEnv("LOCAL_ANTHROPIC_KEY", TEST_UPSTREAM_KEY);
  });
  afterAll(() => vi.unstubAllEnvs());
  return upstream;
}

/** Reads a run's log to its end: the text deltas, their concatenation, every delta, and how it ended. */
export async function collect(run: ChatRun): Promise<{
  chunks: string[];
  text: string;
  deltas: GenerationDelta[];
  outcome: ChatOutcome;
  /** The error a door reports for an answer broken mid-stream. */
  thrown: AppError | null;
}> {
  const deltas: GenerationDelta[] = [];
  for await (const { event } of followAnswer(run.answerId)) if (event.type === "delta") deltas.push(event.delta);
  const outcome = await run.finished;
  const chunks = deltas.flatMap((d) => (d.type === "text" ? [d.text] : []));
  const thrown = outcome.status === "ERROR" ? new AppError("upstream_failed", outcome.error ?? "") : null;
  return { chunks, text: chunks.join(""), deltas, outcome, thrown };
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
