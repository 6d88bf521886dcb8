import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAnswer } from "@/lib/local-upstream/answers";
import { eventually, TEST_UPSTREAM_KEY, withLocalUpstream } from "@/lib/testing/fixtures";
import { providersConfig } from "./config";
import { ProviderInterruptedError } from "./http";
import { openAiBody, parseOpenAiEvents as parseEvents } from "./openai-compatible";
import { adapterFor, resolveModel } from "./registry";
import type { NeutralRequest, ProviderEvent as UpstreamEvent } from "./types";
import { upstreamBodyOf as bodyOf } from "./upstream-body-testing";

async function all(events: AsyncGenerator<UpstreamEvent, void, undefined>): Promise<UpstreamEvent[]> {
  const out: UpstreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
const signal = new AbortController().signal;

describe("parseEvents", () => {
  it("joins events split across reads, splits several events in one read, skips comments", async () => {
    const stream = `: keep-alive\n\n${chunk("Hel")}${chunk("lo")}${chunk(" world")}data: [DONE]\n\n`;
    // Every possible single cut point, and a cut every 3 bytes.
    const splits = [
      ...Array.from({ length: stream.length - 1 }, (_, i) => [stream.slice(0, i + 1), stream.slice(i + 1)]),
      stream.match(/[\s\S]{1,3}/g) ?? [],
    ];
    for (const pieces of splits) {
      const events = await all(parseEvents(bodyOf(pieces), signal));
      expect(events.map((e) => (e.type === "text" ? e.text : "")).join("")).toBe("Hello world");
    }
  });

  it("handles CRLF line endings and multi-byte characters split across reads", async () => {
    const text = chunk("héllo ✓").replaceAll("\n", "\r\n");
    const bytes = new TextEncoder().encode(`${text}data: [DONE]\r\n\r\n`);
    const body = bodyOf(Array.from(bytes, (byte) => new Uint8Array([byte])));
    expect(await all(parseEvents(body, signal))).toEqual([{ type: "text", text: "héllo ✓" }]);
  });

  it("reads the usage-only final chunk", async () => {
    const usage = `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 34 } })}\n\n`;
    const events = await all(parseEvents(bodyOf([chunk("a"), usage, "data: [DONE]\n\n"]), signal));
    expect(events).toEqual([
      { type: "text", text: "a" },
      { type: "usage", usage: { promptTokens: 12, completionTokens: 34 } },
    ]);
  });

  it("accepts a stream that ends after a finish_reason without [DONE]", async () => {
    const finish = `data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: "stop" }] })}\n\n`;
    await expect(all(parseEvents(bodyOf([chunk("ok"), finish]), signal))).resolves.toEqual([
      { type: "text", text: "ok" },
      { type: "finish", reason: "stop" },
    ]);
  });

  it("reads reasoning, tool-call fragments and the finish reason", async () => {
    const delta = (d: object, finish: string | null = null) =>
      `data: ${JSON.stringify({ choices: [{ delta: d, finish_reason: finish }] })}\n\n`;
    const events = await all(
      parseEvents(
        bodyOf([
          delta({ reasoning_content: "Think" }),
          delta({ reasoning: "ing" }),
          delta({ tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "f", arguments: "" } }] }),
          delta({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] }),
          delta({ tool_calls: [{ index: 0, function: { arguments: "1}" } }] }),
          delta({}, "tool_calls"),
          "data: [DONE]\n\n",
        ]),
        signal,
      ),
    );
    expect(events).toEqual([
      { type: "reasoning", text: "Think" },
      { type: "reasoning", text: "ing" },
      { type: "tool-call", index: 0, id: "call_1", name: "f", arguments: "" },
      { type: "tool-call", index: 0, arguments: '{"a":' },
      { type: "tool-call", index: 0, arguments: "1}" },
      { type: "finish", reason: "tool_calls" },
    ]);
  });

  it("treats a stream that just stops as interrupted", async () => {
    await expect(all(parseEvents(bodyOf([chunk("partial")]), signal))).rejects.toBeInstanceOf(ProviderInterruptedError);
  });

  it("surfaces an error event sent mid-stream", async () => {
    const error = `data: ${JSON.stringify({ error: { message: "overloaded" } })}\n\n`;
    await expect(all(parseEvents(bodyOf([chunk("a"), error]), signal))).rejects.toThrow(/overloaded/);
  });
});

/** Opens a stream of the configured default model (the shorthand's one OpenAI-compatible provider). */
const openUpstreamStream = (
  request: Omit<NeutralRequest, "messages"> & { messages: { role: "user"; content: string }[] },
) =>
  adapterFor(resolveModel(undefined)).stream({
    ...request,
    messages: request.messages.map((m) => ({ role: m.role, parts: [{ type: "text", text: m.content }] })),
  });

describe("openUpstreamStream against the local upstream", () => {
  const upstream = withLocalUpstream({ chunkDelayMs: 5 });
  const messages = [{ role: "user" as const, content: "Hello there" }];

  it("streams the answer and the reported usage, with the server key", async () => {
    const stream = await openUpstreamStream({ model: "llama-3.3-70b-versatile", messages, signal });
    const events = await all(stream.events);
    const text = events.map((e) => (e.type === "text" ? e.text : "")).join("");
    expect(text).toBe(demoAnswer(messages));
    expect(events.at(-1)).toMatchObject({ type: "usage" });
    expect(upstream.current.requests[0]).toMatchObject({
      authorization: `Bearer ${TEST_UPSTREAM_KEY}`,
      includeUsage: true,
      stream: true,
    });
  });

  it.each([
    [429, "overloaded", "upstream_overloaded"],
    [503, "overloaded", "upstream_overloaded"],
    [500, "unavailable", "upstream_failed"],
    [401, "misconfigured", "upstream_misconfigured"],
    [404, "misconfigured", "upstream_misconfigured"],
    [400, "unsupported", "invalid_request"],
  ])("maps HTTP %i before the first byte to a typed %s failure, without retrying", async (status, failure, code) => {
    upstream.current.enqueueFault({ status });
    const error = await openUpstreamStream({ model: "llama-3.3-70b-versatile", messages, signal }).catch((e) => e);
    expect(error).toMatchObject({ failure, code });
    expect(error.detail).toContain(`HTTP ${status}`);
    if (failure === "overloaded") expect(error.headers).toEqual({ "Retry-After": "5" });
    expect(upstream.current.requests).toHaveLength(1);
  });

  it("passes parts, tools, tool choice, response format and sampling options through", async () => {
    const body = openAiBody({
      model: "m",
      messages: [
        { role: "system", parts: [{ type: "text", text: "Be brief." }] },
        {
          role: "user",
          parts: [
            { type: "text", text: "What is in it?" },
            { type: "file", mediaType: "image/png", url: "data:image/png;base64,AAAA" },
          ],
        },
        {
          role: "assistant",
          parts: [
            { type: "reasoning", text: "Let me look." },
            { type: "tool-call", id: "call_1", name: "look", arguments: '{"at":"it"}' },
          ],
        },
        { role: "tool", parts: [{ type: "tool-result", callId: "call_1", content: "a cat" }] },
      ],
      tools: [{ name: "look", description: "Looks", parameters: { type: "object" } }],
      toolChoice: { name: "look" },
      parallelToolCalls: false,
      responseFormat: { type: "json_schema", name: "answer", schema: { type: "object" }, strict: true },
      topP: 0.5,
      stop: ["END"],
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      user: "u1",
      maxTokens: 100,
      signal,
    });
    expect(body).toMatchObject({
      messages: [
        { role: "system", content: "Be brief." },
        {
          role: "user",
          content: [
            { type: "text", text: "What is in it?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_1", type: "function", function: { name: "look", arguments: '{"at":"it"}' } }],
        },
        { role: "tool", tool_call_id: "call_1", content: "a cat" },
      ],
      tools: [{ type: "function", function: { name: "look", description: "Looks", parameters: { type: "object" } } }],
      tool_choice: { type: "function", function: { name: "look" } },
      parallel_tool_calls: false,
      response_format: {
        type: "json_schema",
        json_schema: { name: "answer", schema: { type: "object" }, strict: true },
      },
      top_p: 0.5,
      stop: ["END"],
      seed: 7,
      presence_penalty: 0.1,
      frequency_penalty: 0.2,
      user: "u1",
      max_tokens: 100,
    });
  });

  it("carries an abort to the upstream connection", async () => {
    upstream.current.enqueueFault({ chunkDelayMs: 50 });
    const controller = new AbortController();
    const stream = await openUpstreamStream({ model: "llama-3.3-70b-versatile", messages, signal: controller.signal });
    await stream.events.next();
    controller.abort();
    await expect(all(stream.events)).rejects.toThrow();
    const recorded = await eventually(() => upstream.current.requests.find((r) => r.aborted));
    expect(recorded.chunksSent).toBeLessThan(recorded.chunksPlanned);
  });
});

describe("openUpstreamStream against a misbehaving server", () => {
  let server: Server;
  let baseUrl = "";
  beforeAll(async () => {
    // Headers, then nothing: the first-byte timeout must still fire.
    server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.flushHeaders();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it("times out when headers come but no content does", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { CHAT_API_BASE_URL: baseUrl, CHAT_FIRST_BYTE_TIMEOUT_MS: "300" });
    expect(providersConfig().providers[0]?.baseUrl).toBe(baseUrl);
    try {
      await expect(
        openUpstreamStream({ model: "llama-3.3-70b-versatile", messages: [{ role: "user", content: "x" }], signal }),
      ).rejects.toMatchObject({
        code: "upstream_failed",
        failure: "unavailable",
        detail: expect.stringContaining("timeout"),
      });
    } finally {
      process.env = saved;
    }
  });
});
