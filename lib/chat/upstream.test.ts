import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAnswer } from "@/lib/local-upstream/answers";
import { eventually, TEST_UPSTREAM_KEY, withLocalUpstream } from "@/lib/testing/fixtures";
import { openUpstreamStream, parseEvents, type UpstreamEvent, UpstreamInterruptedError } from "./upstream";

/** A body that arrives in exactly these pieces, so event boundaries fall where a test wants. */
function bodyOf(pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

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
      expect(events.map((e) => (e.type === "delta" ? e.text : "")).join("")).toBe("Hello world");
    }
  });

  it("handles CRLF line endings and multi-byte characters split across reads", async () => {
    const text = chunk("héllo ✓").replaceAll("\n", "\r\n");
    const bytes = new TextEncoder().encode(`${text}data: [DONE]\r\n\r\n`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    expect(await all(parseEvents(body, signal))).toEqual([{ type: "delta", text: "héllo ✓" }]);
  });

  it("reads the usage-only final chunk", async () => {
    const usage = `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 34 } })}\n\n`;
    const events = await all(parseEvents(bodyOf([chunk("a"), usage, "data: [DONE]\n\n"]), signal));
    expect(events).toEqual([
      { type: "delta", text: "a" },
      { type: "usage", usage: { promptTokens: 12, completionTokens: 34 } },
    ]);
  });

  it("accepts a stream that ends after a finish_reason without [DONE]", async () => {
    const finish = `data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: "stop" }] })}\n\n`;
    await expect(all(parseEvents(bodyOf([chunk("ok"), finish]), signal))).resolves.toHaveLength(1);
  });

  it("treats a stream that just stops as interrupted", async () => {
    await expect(all(parseEvents(bodyOf([chunk("partial")]), signal))).rejects.toBeInstanceOf(UpstreamInterruptedError);
  });

  it("surfaces an error event sent mid-stream", async () => {
    const error = `data: ${JSON.stringify({ error: { message: "overloaded" } })}\n\n`;
    await expect(all(parseEvents(bodyOf([chunk("a"), error]), signal))).rejects.toThrow(/overloaded/);
  });
});

describe("openUpstreamStream against the local upstream", () => {
  const upstream = withLocalUpstream({ chunkDelayMs: 5 });
  const messages = [{ role: "user" as const, content: "Hello there" }];

  it("streams the answer and the reported usage, with the server key", async () => {
    const stream = await openUpstreamStream({ model: "llama-3.3-70b-versatile", messages, signal });
    const events = await all(stream.events);
    const text = events.map((e) => (e.type === "delta" ? e.text : "")).join("");
    expect(text).toBe(demoAnswer(messages));
    expect(events.at(-1)).toMatchObject({ type: "usage" });
    expect(upstream.current.requests[0]).toMatchObject({
      authorization: `Bearer ${TEST_UPSTREAM_KEY}`,
      includeUsage: true,
      stream: true,
    });
  });

  it("does not retry a 4xx and maps it to a typed error", async () => {
    upstream.current.enqueueFault({ status: 400 });
    await expect(openUpstreamStream({ model: "llama-3.3-70b-versatile", messages, signal })).rejects.toMatchObject({
      code: "upstream_failed",
      details: { upstreamStatus: 400 },
    });
    expect(upstream.current.requests).toHaveLength(1);
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
    try {
      await expect(
        openUpstreamStream({ model: "llama-3.3-70b-versatile", messages: [{ role: "user", content: "x" }], signal }),
      ).rejects.toMatchObject({ code: "upstream_failed", details: { upstreamStatus: "timeout" } });
    } finally {
      process.env = saved;
    }
  });
});
