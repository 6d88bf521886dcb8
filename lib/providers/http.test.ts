import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProviderConfig } from "./config";
import { openAiCompatibleAdapter } from "./openai-compatible";
import type { ProviderEvent } from "./types";

/**
 * openEventStream over real TCP against a bare node:http server, for what the local upstream
 * cannot do on purpose: awkward read boundaries, endless error bodies, redirects, and watching the
 * connection close from the server's side.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

let server: Server;
let handler: Handler;
let provider: ProviderConfig;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  provider = { id: "bare", label: "Bare", type: "openai-compatible", baseUrl };
  process.env.CHAT_FIRST_BYTE_TIMEOUT_MS = "2000";
});
beforeEach(() => {
  handler = (_req, res) => res.writeHead(500).end();
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const open = (signal = new AbortController().signal) =>
  openAiCompatibleAdapter(provider).stream({ model: "m", messages: [], signal });

async function all(events: AsyncGenerator<ProviderEvent, void, undefined>): Promise<string> {
  let text = "";
  for await (const event of events) if (event.type === "text") text += event.text;
  return text;
}

const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;

/** Writes each piece as its own TCP segment, so each arrives as its own read. */
async function writeApart(res: ServerResponse, pieces: Uint8Array[]): Promise<void> {
  res.socket?.setNoDelay(true);
  res.writeHead(200, { "content-type": "text/event-stream" });
  for (const piece of pieces) {
    res.write(piece);
    await sleep(15);
  }
  res.end();
}

describe("openEventStream over a real connection", () => {
  it("reads events split across reads mid-prefix and mid-character", async () => {
    const bytes = new TextEncoder().encode(`${chunk("Grüße ✓")}${chunk(" 日本")}data: [DONE]\n\n`);
    // Cuts inside "data:", inside "ü" (2 bytes), inside "✓" (3 bytes) and inside "日" (3 bytes).
    const at = (text: string, offset: number) => Buffer.from(bytes).indexOf(text) + offset;
    const cuts = [2, at("ü", 1), at("✓", 1), at("✓", 2), at(" 日", 2), bytes.length];
    const pieces = cuts.map((end, i) => bytes.subarray(cuts[i - 1] ?? 0, end));
    handler = (_req, res) => writeApart(res, pieces);
    expect(await all((await open()).events)).toBe("Grüße ✓ 日本");
  });

  it("reads only the start of a huge error body, then closes the connection", async () => {
    let finished: boolean | undefined;
    const closed = new Promise<void>((resolve) => {
      handler = async (_req, res) => {
        res.on("close", () => {
          finished = res.writableFinished;
          resolve();
        });
        res.writeHead(400, { "content-type": "text/plain" });
        const block = Buffer.alloc(64 * 1024, "x");
        // 64 MiB unless the client stops reading: far more than anyone should read.
        for (let i = 0; i < 1024 && !res.destroyed; i++) {
          if (!res.write(block)) await Promise.race([once(res, "drain"), once(res, "close")]);
        }
        res.end();
      };
    });
    const error = await open().catch((e) => e);
    expect(error).toMatchObject({
      failure: "unsupported",
      message: "The provider refused the request: invalid request",
    });
    expect(error.detail).toMatch(/^bare answered HTTP 400: x{500}$/);
    await closed;
    expect(finished).toBe(false);
  });

  it("reads Retry-After from a refusal", async () => {
    handler = (_req, res) => res.writeHead(429, { "retry-after": "12" }).end('{"error":{"message":"slow down"}}');
    await expect(open()).rejects.toMatchObject({ failure: "overloaded", headers: { "Retry-After": "12" } });
  });

  it("releases the connection at once when the consumer stops early", async () => {
    let sent = 0;
    const closed = new Promise<boolean>((resolve) => {
      handler = async (_req, res) => {
        res.on("close", () => resolve(res.writableFinished));
        res.writeHead(200, { "content-type": "text/event-stream" });
        for (; sent < 100 && !res.destroyed; sent++) {
          res.write(chunk(`${sent} `));
          await sleep(20);
        }
        res.end("data: [DONE]\n\n");
      };
    });
    const stream = await open();
    await stream.events.next();
    await stream.events.return();
    expect(await closed).toBe(false);
    expect(sent).toBeLessThan(10);
  });

  it("types a connection that breaks before the first event as unavailable", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(": waiting\n\n", () => res.destroy());
    };
    await expect(open()).rejects.toMatchObject({
      failure: "unavailable",
      detail: "bare: The answer was interrupted: the connection broke before the first byte",
    });
  });

  it("follows a redirect, as fetch() did", async () => {
    handler = (req, res) => {
      if (req.url === "/v1/chat/completions") {
        res.writeHead(307, { location: "/moved/chat/completions" }).end();
      } else void writeApart(res, [new TextEncoder().encode(`${chunk("moved")}data: [DONE]\n\n`)]);
    };
    expect(await all((await open()).events)).toBe("moved");
  });
});
