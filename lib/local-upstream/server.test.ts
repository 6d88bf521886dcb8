import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoAnswer, splitIntoChunks } from "./answers";
import { type LocalUpstream, type RecordedRequest, startLocalUpstream } from "./server";

type Chunk = {
  id: string;
  object: string;
  choices: { index: number; delta: { role?: string; content?: string }; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
};

const messages = [
  { role: "system", content: "You are helpful." },
  { role: "user", content: "How do I reverse a list in TypeScript?" },
];
// Reported usage is Llama 3's tokenizer over Meta's Llama 3.1 chat template. These figures come
// from an independent reference (Hugging Face's tokenizer running Meta's template, see
// lib/usage/fixtures/record-llama-streams.ts), not from the code under test: the prompt is 48
// tokens, the demo answer 134 plus the end-of-turn token.
const expectedPrompt = 48;
const expectedCompletion = 135;

let up: LocalUpstream;
beforeAll(async () => {
  up = await startLocalUpstream({ port: 0, chunkDelayMs: 0 });
});
afterAll(() => up.close());
beforeEach(() => up.reset());

function chat(body: Record<string, unknown>, init: RequestInit = {}, base = up.baseUrl): Promise<Response> {
  return fetch(`${base}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "llama-3.3-70b-versatile", messages, ...body }),
    ...init,
  });
}

/** Reads an SSE body the dumb way; a cut stream shows up as `error`. */
async function readSse(res: Response) {
  let raw = "";
  let error: unknown = null;
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      raw += decoder.decode(value, { stream: true });
    }
  } catch (err) {
    error = err;
  }
  const blocks = raw.split("\n\n").filter((b) => b !== "");
  const comments = blocks.filter((b) => b.startsWith(":"));
  const data = blocks.filter((b) => b.startsWith("data: ")).map((b) => b.slice(6));
  const done = data.at(-1) === "[DONE]";
  const chunks = data.filter((d) => d !== "[DONE]").map((d) => JSON.parse(d) as Chunk);
  const content = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
  return { raw, error, comments, data, done, chunks, content };
}

async function waitFor(pred: () => RecordedRequest | undefined): Promise<RecordedRequest> {
  for (let i = 0; i < 100; i++) {
    const r = pred();
    if (r) return r;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("condition not met in time");
}

describe("answers", () => {
  it("is deterministic, question-specific and chunked losslessly", () => {
    const a = demoAnswer(messages);
    expect(demoAnswer(messages)).toBe(a);
    expect(demoAnswer([{ role: "user", content: "Something else" }])).not.toBe(a);
    expect(a).toMatch(/^## /);
    expect(a).toContain("How do I reverse a list");
    expect(a).toContain("```ts\n");
    expect(a).toMatch(/\n- /);
    for (const t of [a, "", "  lead\n\n x  y \n", "a\r\nb\tc  "]) expect(splitIntoChunks(t).join("")).toBe(t);
  });
});

describe("chat completions", () => {
  it("streams the demo answer, role first, stop chunk, [DONE] last, no usage unless asked", async () => {
    const res = await chat({ stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const s = await readSse(res);
    expect(s.error).toBeNull();
    expect(s.content).toBe(demoAnswer(messages));
    expect(s.done).toBe(true);
    expect(s.chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(s.chunks.every((c) => c.id.startsWith("chatcmpl-") && c.object === "chat.completion.chunk")).toBe(true);
    expect(s.chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    expect(s.chunks.some((c) => c.usage)).toBe(false);
    // The first stream of a server opens with an SSE comment clients must skip.
    expect(s.comments).toEqual([": keep-alive"]);
    const rec = up.requests[0];
    expect(rec).toMatchObject({ stream: true, completed: true, aborted: false, includeUsage: false });
    expect(rec?.chunksSent).toBe(splitIntoChunks(demoAnswer(messages)).length);
  });

  it("sends a usage-only chunk right before [DONE] when asked", async () => {
    const s = await readSse(await chat({ stream: true, stream_options: { include_usage: true } }));
    const usageChunk = s.chunks.at(-1);
    expect(s.done).toBe(true);
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage).toEqual({
      prompt_tokens: expectedPrompt,
      completion_tokens: expectedCompletion,
      total_tokens: expectedPrompt + expectedCompletion,
    });
  });

  it("answers non-streamed requests with a chat.completion object", async () => {
    const res = await chat({ max_tokens: 256, temperature: 0.2 });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      object: "chat.completion",
      model: "llama-3.3-70b-versatile",
      choices: [{ index: 0, message: { role: "assistant", content: demoAnswer(messages) }, finish_reason: "stop" }],
      usage: { prompt_tokens: expectedPrompt, completion_tokens: expectedCompletion },
    });
    expect(up.requests[0]).toMatchObject({ stream: false, maxTokens: 256, temperature: 0.2, completed: true });
  });

  it("stops at max_tokens with finish_reason length, streamed and not", async () => {
    const streamed = await readSse(
      await chat({ stream: true, max_tokens: 5, stream_options: { include_usage: true } }),
    );
    // "## Short answer: How" is 5 Llama 3 tokens ("##", " Short", " answer", ":", " How"); the
    // answer is cut between words, so within 3 tokens only "## Short" fits.
    expect(streamed.content).toBe("## Short answer: How");
    expect(streamed.chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0]?.finish_reason).toBe("length");
    expect(streamed.chunks.at(-1)?.usage?.completion_tokens).toBe(5);
    const whole = (await (await chat({ max_tokens: 3 })).json()) as { choices: { message: { content: string } }[] };
    expect(whole.choices[0]?.message.content).toBe("## Short");
  });

  it("rejects bad bodies and unknown models in OpenAI error shape", async () => {
    const bad = await chat({ messages: "nope" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: "invalid_request_error" } });
    const unknown = await chat({ model: "gpt-nope" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "model_not_found" } });
  });

  it("lists models", async () => {
    const body = await (await fetch(`${up.baseUrl}/models`)).json();
    expect(body).toEqual({
      object: "list",
      data: [{ id: "llama-3.3-70b-versatile", object: "model", created: expect.any(Number), owned_by: "spj-local" }],
    });
  });
});

describe("faults", () => {
  it("status fault answers once with an error, then recovers", async () => {
    up.enqueueFault({ status: 503 });
    const res = await chat({ stream: true });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { message: expect.any(String), type: "server_error" } });
    expect((await chat({ stream: true })).status).toBe(200);
  });

  it("times repeats a fault; faults queue in FIFO order via the control endpoint", async () => {
    const post = (f: unknown) =>
      fetch(`${up.baseUrl.replace(/\/v1$/, "")}/__control/faults`, { method: "POST", body: JSON.stringify(f) });
    expect((await post({ status: 429, times: 2 })).status).toBe(200);
    expect((await post({ status: 500 })).status).toBe(200);
    expect((await post({ status: "x" })).status).toBe(400);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await chat({})).status);
    expect(statuses).toEqual([429, 429, 500, 200]);
  });

  it("cutAfterChunks drops the connection without finish chunk or [DONE]", async () => {
    up.enqueueFault({ cutAfterChunks: 3 });
    const s = await readSse(await chat({ stream: true, stream_options: { include_usage: true } }));
    expect(s.done).toBe(false);
    expect(s.error).not.toBeNull();
    expect(s.content).toBe(splitIntoChunks(demoAnswer(messages)).slice(0, 3).join(""));
    expect(s.chunks.some((c) => c.usage || c.choices[0]?.finish_reason)).toBe(false);
    const rec = await waitFor(() => up.requests.find((r) => r.endedAt !== null));
    expect(rec).toMatchObject({ chunksSent: 3, completed: false, aborted: false });
  });

  it("firstByteDelayMs holds back the headers", async () => {
    up.enqueueFault({ firstByteDelayMs: 150 });
    const t0 = performance.now();
    const res = await chat({ stream: true });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect((await readSse(res)).done).toBe(true);
  });

  it("omitUsage suppresses usage even when asked", async () => {
    up.enqueueFault({ omitUsage: true });
    const s = await readSse(await chat({ stream: true, stream_options: { include_usage: true } }));
    expect(s.done).toBe(true);
    expect(s.chunks.some((c) => c.usage)).toBe(false);
  });

  it("answerTokens streams a long, varied answer of that many tokens, past max_tokens", async () => {
    up.enqueueFault({ answerTokens: 3000 });
    const s = await readSse(await chat({ stream: true, max_tokens: 100, stream_options: { include_usage: true } }));
    expect(s.done).toBe(true);
    const usage = s.chunks.find((c) => c.usage)?.usage;
    expect(usage?.completion_tokens).toBeGreaterThanOrEqual(3000);
    expect(usage?.completion_tokens).toBeLessThan(3300);
    expect(s.content.startsWith(demoAnswer(messages))).toBe(true);
    for (const part of ["\n| Step |", "\n1. ", "```ts\nexport function"]) expect(s.content).toContain(part);
    expect(s.chunks.length).toBeGreaterThan(1500);
    // The next request is the short demo answer again.
    expect((await readSse(await chat({ stream: true }))).content).toBe(demoAnswer(messages));
  });

  it("a scoped fault goes only to requests whose messages carry its scope; requests list per scope", async () => {
    const scoped = (scope: string) => [{ role: "user", content: `Question one [${scope}]` }];
    const root = up.baseUrl.replace(/\/v1$/, "");
    const post = (f: unknown) => fetch(`${root}/__control/faults`, { method: "POST", body: JSON.stringify(f) });
    expect((await post({ status: 503, times: 2, scope: "test-b" })).status).toBe(200);
    expect((await post({ status: 500, scope: "" })).status).toBe(400);
    // Another test's requests, before and after, are untouched by test-b's fault.
    expect((await chat({ messages: scoped("test-a") })).status).toBe(200);
    expect((await chat({ messages: scoped("test-b") })).status).toBe(503);
    expect((await chat({})).status).toBe(200);
    expect((await chat({ messages: [...scoped("test-b"), { role: "user", content: "again" }] })).status).toBe(503);
    expect((await chat({ messages: scoped("test-b") })).status).toBe(200);
    const listed = async (scope: string) =>
      ((await (await fetch(`${root}/__control/requests?scope=${scope}`)).json()) as RecordedRequest[]).map(
        (r) => r.status,
      );
    expect(await listed("test-b")).toEqual([503, 503, 200]);
    expect(await listed("test-a")).toEqual([200]);
  });

  it("chunkDelayMs paces one request", async () => {
    up.enqueueFault({ chunkDelayMs: 2 });
    const t0 = performance.now();
    await readSse(await chat({ stream: true }));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(2 * (splitIntoChunks(demoAnswer(messages)).length - 2));
  });
});

describe("auth, abort and control", () => {
  it("requires the configured key", async () => {
    const keyed = await startLocalUpstream({ port: 0, chunkDelayMs: 0, requireKey: "sk-test" });
    try {
      const none = await chat({}, {}, keyed.baseUrl);
      expect(none.status).toBe(401);
      expect(await none.json()).toMatchObject({ error: { code: "invalid_api_key" } });
      const wrong = await chat({}, { headers: { authorization: "Bearer nope" } }, keyed.baseUrl);
      expect(wrong.status).toBe(401);
      const ok = await chat({}, { headers: { authorization: "Bearer sk-test" } }, keyed.baseUrl);
      expect(ok.status).toBe(200);
      expect(keyed.requests.map((r) => r.authorization)).toEqual([null, "Bearer nope", "Bearer sk-test"]);
      expect((await fetch(`${keyed.baseUrl}/models`)).status).toBe(401);
    } finally {
      await keyed.close();
    }
  });

  it("records a client abort mid-stream and stops sending", async () => {
    up.enqueueFault({ chunkDelayMs: 20 });
    const ac = new AbortController();
    const res = await chat({ stream: true }, { signal: ac.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.read();
    ac.abort();
    const rec = await waitFor(() => up.requests.find((r) => r.aborted));
    expect(rec.completed).toBe(false);
    expect(rec.chunksSent).toBeLessThan(rec.chunksPlanned);
    const sent = rec.chunksSent;
    await new Promise((r) => setTimeout(r, 60));
    expect(rec.chunksSent).toBe(sent);
  });

  it("exposes recorded requests and reset over HTTP", async () => {
    await (await chat({})).text();
    const root = up.baseUrl.replace(/\/v1$/, "");
    const list = (await (await fetch(`${root}/__control/requests`)).json()) as RecordedRequest[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ model: "llama-3.3-70b-versatile", messages, stream: false, completed: true });
    expect((await fetch(`${root}/__control/reset`, { method: "POST" })).status).toBe(200);
    expect(up.requests).toHaveLength(0);
  });

  it("keeps connections alive without a server-side idle timeout for clients to race", async () => {
    const res = await chat({});
    await res.text();
    expect(res.headers.get("connection")).toBe("keep-alive");
    // Node's default adds "Keep-Alive: timeout=5" and closes the socket 5 s later.
    expect(res.headers.get("keep-alive")).toBeNull();
  });
});
