import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import * as completionsRoute from "@/app/api/v1/chat/completions/route";
import * as chatRoute from "@/app/api/v1/chat/route";
import * as modelsRoute from "@/app/api/v1/models/route";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import { createApiKey } from "@/lib/auth/api-keys";
import { revokeApiKey } from "@/lib/db/api-keys";
import { createDb, type Db, databaseUrl, db, isPostgresUrl } from "@/lib/db/client";
import { listMessages } from "@/lib/db/conversations";
import { createTestActor, describeDb, withLocalUpstream } from "@/lib/testing/fixtures";
import { PLANS, type PlanId } from "@/lib/usage/plans";
import { ChatError, OpenAIErrorResponse } from "./errors";
import { CHAT_ERRORS, MODELS_ERRORS, OPENAI_ERRORS } from "./openapi-errors";
import {
  doc,
  expectDocumentedHeaders,
  expectDocumentedSuccess,
  get,
  hello,
  type Method,
  matches,
  one,
  operation,
  post,
  schemaOf,
} from "./openapi-testing";
import { type ResponseObject, resolveRef } from "./openapi-types";
import { ChatCompletion, ChatCompletionChunk, ModelList } from "./responses";

/**
 * The responses and errors of the real route handlers against the OpenAPI document, on a real
 * database (SQLite and PostgreSQL: see vitest.config.ts) with real users, workspaces and keys,
 * and the local upstream as the provider. Everything — auth, parsing, the pipeline, limits,
 * quotas, saving, error mapping — is the code that serves the API.
 */

const upstream = withLocalUpstream();

beforeAll(() => {
  for (const name of ["CHAT_MODELS", "CHAT_DEFAULT_MODEL", "CHAT_PRICING", "REDIS_URL"]) vi.stubEnv(name, undefined);
});
afterAll(() => vi.unstubAllEnvs());

// ---------- Keys ----------

interface KeyOptions {
  plan?: PlanId;
  tokenQuota?: number | null;
  /** False: the key's creator is no longer a member of the key's workspace. */
  member?: boolean;
}

/** A real key of a new user, in a workspace of their own (so rate limits never leak between tests). */
async function newMember({ plan = "self-hosted", tokenQuota = null, member = true }: KeyOptions = {}) {
  const actor = await createTestActor();
  const { key, record } = await createApiKey({
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    name: "openapi",
    expiresAt: null,
  });
  await db().workspace.update({ where: { id: actor.workspaceId }, data: { plan, tokenQuota } });
  if (!member) {
    await db().membership.delete({
      where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId: actor.userId } },
    });
  }
  return { actor, key, keyId: record.id };
}
const newKey = async (options?: KeyOptions) => (await newMember(options)).key;

// ---------- Responses ----------

function sseEvents(text: string): string[] {
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((event) => {
      expect(event.startsWith("data: ")).toBe(true);
      return event.slice("data: ".length);
    });
}

describeDb("POST /api/v1/chat responds as documented", () => {
  it("streams plain text with the documented headers, and saves the conversation", async () => {
    const { actor, key } = await newMember();
    const res = await chatRoute.POST(post("/api/v1/chat", hello, key));
    const spec = expectDocumentedSuccess(res, ["/api/v1/chat", "post"], "text/event-stream", "stream");
    const text = await res.text();
    expect(text.length).toBeGreaterThan(20);
    expect(text).not.toMatch(/^data:/m);
    expect(matches(spec.content?.["text/event-stream"]?.schema ?? {}, text)).toBe(true);

    const id = res.headers.get("x-conversation-id") ?? "";
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id } });
    expect(conversation).toMatchObject({ ownerId: actor.userId, workspaceId: actor.workspaceId });
    const messages = await listMessages(id);
    expect(messages.map((m) => [m.role, m.status, m.content])).toEqual([
      ["user", "COMPLETE", "Say hello"],
      ["assistant", "COMPLETE", text],
    ]);
  });
});

describeDb("POST /api/v1/chat/completions responds as documented", () => {
  it("answers a chat.completion with usage, provider, latency and cost", async () => {
    const { actor, key } = await newMember();
    const res = await completionsRoute.POST(post("/api/v1/chat/completions", hello, key));
    expectDocumentedSuccess(res, ["/api/v1/chat/completions", "post"], "application/json");
    const body = await res.json();
    expect(matches(schemaOf("ChatCompletion"), body)).toBe(true);
    expect(ChatCompletion.safeParse(body).error).toBeUndefined();
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    expect(body.cost).toBeGreaterThan(0);
    const id = res.headers.get("x-conversation-id") ?? "";
    const usage = await db().usageEvent.findMany({ where: { conversationId: id } });
    expect(usage).toEqual([
      expect.objectContaining({
        userId: actor.userId,
        workspaceId: actor.workspaceId,
        promptTokens: body.usage.prompt_tokens,
        completionTokens: body.usage.completion_tokens,
      }),
    ]);
  });

  it.each([true, false])("streams chat.completion.chunk events (include_usage: %s)", async (includeUsage) => {
    const request = { ...hello, stream: true, stream_options: { include_usage: includeUsage } };
    const res = await completionsRoute.POST(post("/api/v1/chat/completions", request, await newKey()));
    expectDocumentedSuccess(res, ["/api/v1/chat/completions", "post"], "text/event-stream", "stream");
    const events = sseEvents(await res.text());
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    for (const chunk of chunks) {
      expect(matches(schemaOf("ChatCompletionChunk"), chunk)).toBe(true);
      expect(ChatCompletionChunk.safeParse(chunk).error).toBeUndefined();
    }
    const usage = chunks.filter((c) => c.usage);
    expect(usage).toHaveLength(includeUsage ? 1 : 0);
    if (includeUsage) expect(usage[0].choices).toEqual([]);
  });
});

describeDb("GET /api/v1/models responds as documented", () => {
  it("lists the configured models with prices per 1K tokens", async () => {
    const res = await modelsRoute.GET(get("/api/v1/models", await newKey()));
    expectDocumentedSuccess(res, ["/api/v1/models", "get"], "application/json");
    const body = await res.json();
    expect(matches(schemaOf("ModelList"), body)).toBe(true);
    expect(ModelList.safeParse(body).error).toBeUndefined();
    expect(body.data.map((m: { id: string }) => m.id)).toEqual(["llama-3.3-70b-versatile"]);
  });
});

describeDb("GET /api/v1/openapi.json responds as documented", () => {
  it("serves this document to anyone, cacheably", async () => {
    const res = openApiRoute.GET(get("/api/v1/openapi.json", null));
    expectDocumentedSuccess(res, ["/api/v1/openapi.json", "get"], "application/json");
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(res.headers.get("cache-control")).toMatch(/^public/);

    const etag = res.headers.get("etag") ?? "";
    const again = openApiRoute.GET(get("/api/v1/openapi.json", null, { "if-none-match": `W/${etag}` }));
    expect(again.status).toBe(304);
    expect(operation("/api/v1/openapi.json", "get").responses).toHaveProperty("304");
    const changed = openApiRoute.GET(get("/api/v1/openapi.json", null, { "if-none-match": '"old"' }));
    expect(changed.status).toBe(200);
  });
});

// ---------- Errors: every documented example is what the code says ----------

type Scenario = () => Promise<Response>;
type Send = (key: string) => Promise<Response>;

const setQuota = (workspaceId: string, tokenQuota: number | null) =>
  db().workspace.update({ where: { id: workspaceId }, data: { tokenQuota } });

/** Sends requests until the plan's requests-per-minute are spent; returns the one refused. */
async function exhaustRateLimit(send: Send): Promise<Response> {
  const { actor, key } = await newMember({ plan: "trial", tokenQuota: 0 });
  // Each request is counted, then refused cheaply for quota (nothing reaches the upstream).
  for (let i = 0; i < PLANS.trial.requestsPerMinute; i++) expect((await send(key)).status).toBe(403);
  await setQuota(actor.workspaceId, null);
  return send(key);
}

async function quietly(send: Scenario): Promise<Response> {
  const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    return await send();
  } finally {
    quiet.mockRestore();
  }
}

function upstreamFails(send: Scenario): Promise<Response> {
  upstream.current.enqueueFault({ status: 500 });
  return quietly(send);
}

/**
 * "Database unreachable", with a real database that cannot be reached: a closed port for
 * PostgreSQL, a file in a folder that does not exist for SQLite. The request (with a valid key)
 * runs while the client lib/db/client.ts keeps on globalThis is one opened on that URL; the real
 * one is put back afterwards. Were the swap ever to miss, the request would succeed and the
 * scenario's 500 would fail the test.
 */
async function databaseUnreachable(send: Send): Promise<Response> {
  const key = await newKey();
  // Prisma's client and the driver underneath it (the hot path's prepared lookups) both lose
  // the database: a server that does not answer, or an SQLite file without the schema.
  const holder = globalThis as { spjDb?: Db; spjPool?: pg.Pool | null; spjSqlite?: Database.Database };
  const real = { db: db(), pool: holder.spjPool, sqlite: holder.spjSqlite };
  const postgres = isPostgresUrl(databaseUrl());
  const missing = path.join(tmpdir(), `spj-missing-${process.pid}-${Date.now()}.db`);
  const unreachableUrl = postgres ? "postgresql://postgres@127.0.0.1:1/unreachable" : `file:${missing}`;
  const unreachable = createDb(unreachableUrl);
  holder.spjDb = unreachable;
  if (postgres) holder.spjPool = new pg.Pool({ connectionString: unreachableUrl });
  else holder.spjSqlite = new Database(missing);
  try {
    return await quietly(() => send(key));
  } finally {
    if (postgres) await holder.spjPool?.end().catch(() => {});
    else holder.spjSqlite?.close();
    Object.assign(holder, { spjDb: real.db, spjPool: real.pool, spjSqlite: real.sqlite });
    await unreachable.$disconnect().catch(() => {});
  }
}

/** Another user's real conversation: the key's owner may not see it, so it is "not found". */
async function someoneElsesConversation(): Promise<string> {
  const res = await chat(hello);
  expect(res.status).toBe(200);
  await res.text();
  const id = res.headers.get("x-conversation-id") ?? "";
  await db().conversation.findUniqueOrThrow({ where: { id } });
  return id;
}

type Key = string | null | Promise<string>;
const chat = async (body: unknown, key: Key = newKey()) => chatRoute.POST(post("/api/v1/chat", body, await key));
const CHAT_SCENARIOS: Record<(typeof CHAT_ERRORS)[number]["message"], Scenario> = {
  "Invalid request body": () => chat("{oops"),
  "Messages array is required": () => chat({}),
  "Last message must have valid content": () => chat({ messages: [{ role: "user" }] }),
  "messages[0].role must be one of: user, assistant, system": () =>
    chat({ messages: [{ role: "invalid_role", content: "Hello" }] }),
  "temperature must be a number between 0 and 2": () => chat(one({ temperature: 3 })),
  "max_tokens must be at most 500 on the Trial plan": () => chat(one({ max_tokens: 501 }), newKey({ plan: "trial" })),
  'Unknown model "gpt-4". Available models: llama-3.3-70b-versatile': () => chat(one({ model: "gpt-4" })),
  "Invalid API key": () => chat(hello, null),
  "Token limit exceeded": () => chat(hello, newKey({ tokenQuota: 0 })),
  "Insufficient permissions": () => chat(hello, newKey({ member: false })),
  "Conversation not found": async () => chat(one({ conversation_id: await someoneElsesConversation() })),
  "Rate limit exceeded": () => exhaustRateLimit((key) => chat(hello, key)),
  "Failed to generate response": () => upstreamFails(() => chat(hello)),
};

const complete = async (body: unknown, key: Key = newKey()) =>
  completionsRoute.POST(post("/api/v1/chat/completions", body, await key));
const models = async (key: Key = newKey()) => modelsRoute.GET(get("/api/v1/models", await key));
const openAiKey = (c: { code: string; message: string }) => `${c.code}: ${c.message}`;
const COMPLETION_SCENARIOS: Record<string, Scenario> = {
  "invalid_request: Messages array is required": () => complete({}),
  "invalid_request: temperature: Too big: expected number to be <=2": () => complete(one({ temperature: 3 })),
  "unauthenticated: Invalid API key": () => complete(hello, "sk-not-ours"),
  "forbidden: Insufficient permissions": () => complete(hello, newKey({ member: false })),
  "quota_exceeded: Token limit exceeded": () => complete(hello, newKey({ tokenQuota: 0 })),
  "rate_limited: Rate limit exceeded": () => exhaustRateLimit((key) => complete(hello, key)),
  "upstream_failed: Failed to generate response": () => upstreamFails(() => complete(hello)),
  "internal: Failed to generate response": () => databaseUnreachable((key) => complete(hello, key)),
};
const MODELS_SCENARIOS: Record<string, Scenario> = {
  "unauthenticated: Invalid API key": () => models(null),
  "forbidden: Insufficient permissions": () => models(newKey({ member: false })),
  "internal: Failed to generate response": () => databaseUnreachable((key) => models(key)),
};

/** The documented error examples of an operation: status, example body. */
function documentedErrors(pathName: string, method: Method) {
  return Object.entries(operation(pathName, method).responses).flatMap(([status, r]) => {
    if (Number(status) < 400) return [];
    const response = resolveRef<ResponseObject>(doc, r);
    const media = response.content?.["application/json"];
    return Object.values(media?.examples ?? {}).map((e) => ({
      status: Number(status),
      body: e.value,
      response,
      schema: media?.schema ?? {},
    }));
  });
}

async function expectDocumentedError(res: Response, error: ReturnType<typeof documentedErrors>[number]) {
  expect(res.status).toBe(error.status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = await res.json();
  expect(body).toEqual(error.body);
  expect(matches(error.schema, body)).toBe(true);
  expect((typeof body.error === "string" ? ChatError : OpenAIErrorResponse).safeParse(body).error).toBeUndefined();
  expectDocumentedHeaders(res, error.response);
}

describeDb.each([
  [
    "/api/v1/chat",
    "post",
    CHAT_SCENARIOS,
    (b: { error: string }) => b.error,
    CHAT_ERRORS.length,
    (key: string) => chat(hello, key),
  ],
  [
    "/api/v1/chat/completions",
    "post",
    COMPLETION_SCENARIOS,
    (b: { error: { code: string; message: string } }) => openAiKey(b.error),
    OPENAI_ERRORS.length,
    (key: string) => complete(hello, key),
  ],
  [
    "/api/v1/models",
    "get",
    MODELS_SCENARIOS,
    (b: { error: { code: string; message: string } }) => openAiKey(b.error),
    MODELS_ERRORS.length,
    (key: string) => models(key),
  ],
] as const)("%s errors", (pathName, method, scenarios, keyOf, count, send) => {
  const errors = documentedErrors(pathName, method);

  it("documents one scenario per example", () => {
    expect(errors).toHaveLength(count);
    expect(errors.map((e) => keyOf(e.body as never)).sort()).toEqual(Object.keys(scenarios).sort());
  });

  it.each(errors.map((e) => [keyOf(e.body as never), e] as const))("%s", async (key, error) => {
    const scenario = (scenarios as Record<string, Scenario>)[key];
    expect(scenario, key).toBeDefined();
    await expectDocumentedError(await (scenario as Scenario)(), error);
  });

  it("refuses a key once it is revoked, with the documented 401", async () => {
    const { key, keyId, actor } = await newMember();
    const before = await send(key);
    expect(before.status).toBe(200);
    await before.text();
    await revokeApiKey(keyId, actor.workspaceId, actor.userId);
    const [unauthenticated, ...more] = errors.filter((e) => e.status === 401);
    expect(more).toHaveLength(0);
    await expectDocumentedError(await send(key), unauthenticated as (typeof errors)[number]);
  });
});
