import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { demoAnswer } from "../lib/local-upstream/answers";
import { chatRequest } from "./api-helpers";
import { E2E } from "./env";
import { E2E_MODELS, E2E_PROVIDERS } from "./providers";
import { revokeAllKeys, userWithKey } from "./provision";

/** The official `openai` package, unchanged, pointed at this install's /api/v1. */
const messages = [{ role: "user" as const, content: "Say hello to the SDK" }];
const client = (apiKey: string, base = E2E.appUrl) => new OpenAI({ apiKey, baseURL: `${base}/api/v1`, maxRetries: 1 });

test("chat.completions.create, not streamed, returns the answer with usage, provider, latency and cost", async () => {
  const { key } = await userWithKey();
  const completion = await client(key).chat.completions.create({ model: "llama-3.3-70b-versatile", messages });
  expect(completion.object).toBe("chat.completion");
  expect(completion.choices[0]?.message).toMatchObject({ role: "assistant", content: demoAnswer(messages) });
  expect(completion.choices[0]?.finish_reason).toBe("stop");
  const usage = completion.usage;
  expect(usage?.prompt_tokens).toBeGreaterThan(0);
  expect(usage?.completion_tokens).toBeGreaterThan(10);
  expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  const extra = completion as unknown as { provider: string; latency: number; cost: number };
  expect(typeof extra.provider).toBe("string");
  expect(extra.latency).toBeGreaterThan(0);
  expect(extra.cost).toBeGreaterThan(0);
});

test("chat.completions.create, streamed, yields chunks and the usage chunk", async () => {
  const { key } = await userWithKey();
  const stream = await client(key).chat.completions.create({
    model: "llama-3.3-70b-versatile",
    messages,
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = "";
  let chunks = 0;
  let usage: OpenAI.CompletionUsage | null | undefined = null;
  for await (const chunk of stream) {
    chunks += 1;
    text += chunk.choices[0]?.delta?.content ?? "";
    if (chunk.usage) usage = chunk.usage;
  }
  expect(text).toBe(demoAnswer(messages));
  expect(chunks).toBeGreaterThan(5);
  expect(usage?.completion_tokens).toBeGreaterThan(10);
});

test("models.list lists the configured models with their prices", async () => {
  const { key } = await userWithKey();
  const models = [];
  for await (const model of client(key).models.list()) models.push(model);
  expect(models.map((m) => m.id)).toEqual(E2E_MODELS);
  expect(models.map((m) => m.owned_by)).toEqual([
    E2E_PROVIDERS.openai.id,
    E2E_PROVIDERS.openai.id,
    E2E_PROVIDERS.anthropic.id,
  ]);
  expect((models[0] as unknown as { pricing: unknown }).pricing).toEqual({ input: 0.00059, output: 0.00079 });
  expect((models[1] as unknown as { pricing: unknown }).pricing).toEqual({ input: 0.00005, output: 0.00008 });
  expect((models[2] as unknown as { capabilities: unknown }).capabilities).toEqual(["chat", "vision", "tools"]);
});

test("errors arrive as the SDK's typed exceptions", async () => {
  const bad = client("spj_ai_not-a-real-key");
  await expect(bad.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  const { key } = await userWithKey();
  await expect(client(key).chat.completions.create({ model: "no-such-model", messages })).rejects.toBeInstanceOf(
    OpenAI.BadRequestError,
  );
});

test.describe("two app instances", () => {
  test("a revoked key gets 401 within a second on both instances", async () => {
    const { email, key } = await userWithKey();
    const body = { messages: [{ role: "user", content: "hi" }], max_tokens: 3 };
    for (const base of [E2E.appUrl, E2E.secondAppUrl]) {
      const response = await chatRequest(key, body, base);
      expect(response.status).toBe(200);
      await response.text();
    }
    await revokeAllKeys(email);
    // At once with Redis (the change is announced), within the key cache's second without.
    for (const base of [E2E.appUrl, E2E.secondAppUrl]) {
      await expect.poll(async () => (await chatRequest(key, body, base)).status, { timeout: 1_500 }).toBe(401);
    }
  });

  test("a limit of N a minute lets N through across both instances, not 2N", async () => {
    test.skip(!E2E.redisUrl, "no Redis (TEST_REDIS_URL): instances cannot share counters");
    const { key } = await userWithKey({ plan: "trial" }); // 10 requests a minute
    const body = { messages: [{ role: "user", content: "hi" }], max_tokens: 3 };
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => chatRequest(key, body, i % 2 ? E2E.secondAppUrl : E2E.appUrl)),
    );
    await Promise.all(responses.map((r) => r.text()));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });
});
