import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import * as chatRoute from "@/app/api/v1/chat/route";
import * as modelsRoute from "@/app/api/v1/models/route";
import { createApiKey } from "@/lib/auth/api-keys";
import { listMessages } from "@/lib/db/conversations";
import { lingerIfBodyUnread } from "@/lib/http/lingering-close";
import { demoAnswer } from "@/lib/local-upstream/answers";
import { doorOf } from "@/lib/metrics";
import { createTestActor, describeDb, eventually, withLocalUpstream } from "@/lib/testing/fixtures";
import { rawExchange } from "@/lib/testing/raw-http";
import { serveLean } from "./lean-door";

/**
 * The lean door on a real node:http server, wired as scripts/server.ts wires it; what it does not
 * serve goes to a stand-in for Next that answers 299.
 */
const upstream = withLocalUpstream();
let server: http.Server;
let port = 0;
let key = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    lingerIfBodyUnread(req, res);
    if (!serveLean(doorOf(req.url), req, res)) res.writeHead(299).end("next");
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((closed) => server.close(closed)));
afterEach(() => vi.unstubAllEnvs());

async function newKey(): Promise<string> {
  const { workspaceId, userId } = await createTestActor();
  return (await createApiKey({ workspaceId, userId, name: "lean", expiresAt: null })).key;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  chunks: string[];
  /** The body ended without its last chunk. */
  broken: boolean;
}

function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request({ port, host: "127.0.0.1", path, method: init.method ?? "POST", headers: init.headers });
    req.on("error", reject);
    req.on("response", (res) => {
      const answer: Answer = { status: res.statusCode ?? 0, headers: res.headers, chunks: [], broken: false };
      res.on("data", (chunk: Buffer) => answer.chunks.push(chunk.toString()));
      res.on("aborted", () => (answer.broken = true));
      res.on("error", () => (answer.broken = true));
      res.on("close", () => resolve(answer));
    });
    req.end(init.body);
  });
}

const withKey = (body?: unknown, headers: Record<string, string> = {}) => ({
  headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
  body: body === undefined ? undefined : JSON.stringify(body),
});

/** Headers that node:http adds to every answer, whoever writes the rest. */
const FRAMING = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"]);
const withoutFraming = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !FRAMING.has(name)));

const SECURITY = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "x-frame-options": "DENY",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
};

describeDb("the lean API door", () => {
  beforeAll(async () => {
    key = await newKey();
  });

  it("answers what the Next route answers, with next.config.mjs's headers; HSTS only behind HTTPS", async () => {
    const viaNext = await modelsRoute.GET(new Request("http://x/api/v1/models", withKey()));
    const lean = await send("/api/v1/models", { method: "GET", ...withKey() });
    expect(lean.status).toBe(200);
    expect(lean.chunks.join("")).toBe(await viaNext.text());
    expect(withoutFraming(lean.headers)).toEqual({ ...SECURITY, ...Object.fromEntries(viaNext.headers) });
    expect(lean.headers["content-length"]).toBe(String(Buffer.byteLength(lean.chunks.join(""))));

    const https = await send("/api/v1/models?x=1", {
      method: "GET",
      ...withKey(undefined, { "x-forwarded-proto": "https" }),
    });
    expect(https.headers["strict-transport-security"]).toBe("max-age=31536000");
    const unauthenticated = await send("/api/v1/chat/completions", { body: "{}" });
    expect(unauthenticated.status).toBe(401);
    expect(withoutFraming(unauthenticated.headers)).toEqual({ ...SECURITY, "content-type": "application/json" });
    expect(unauthenticated.headers["strict-transport-security"]).toBeUndefined();
  });

  it("streams the answer as it comes, with the route's headers", async () => {
    const body = { messages: [{ role: "user", content: "Stream to me" }] };
    const lean = await send("/api/v1/chat", withKey(body));
    expect(lean.status).toBe(200);
    expect(lean.chunks.length).toBeGreaterThan(1);
    expect(lean.chunks.join("")).toBe(demoAnswer(body.messages));
    expect(lean.headers).toMatchObject({ ...SECURITY, "content-type": "text/event-stream", "x-accel-buffering": "no" });
    expect(lean.headers["x-conversation-id"]).toBeTruthy();
    expect(lean.headers["x-ratelimit-limit"]).toBeTruthy();

    const completions = await send("/api/v1/chat/completions", withKey({ ...body, stream: true }));
    expect(completions.chunks.join("")).toMatch(/^data: \{.*\ndata: \[DONE\]\n\n$/s);
  });

  it("stops the answer and saves it as STOPPED when the client goes away", async () => {
    upstream.current.enqueueFault({ chunkDelayMs: 30 });
    const conversationId = await new Promise<string>((resolve, reject) => {
      const req = http.request({ port, host: "127.0.0.1", path: "/api/v1/chat", method: "POST", ...withKey() });
      req.on("error", reject);
      req.on("response", (res) => {
        res.once("data", () => {
          req.destroy();
          resolve(String(res.headers["x-conversation-id"]));
        });
      });
      req.end(withKey({ messages: [{ role: "user", content: "Tell me something long" }] }).body);
    });
    const recorded = await eventually(() => upstream.current.requests.find((r) => r.aborted));
    expect(recorded.chunksSent).toBeLessThan(recorded.chunksPlanned);
    const answerStatus = async () => (await listMessages(conversationId)).find((m) => m.role === "assistant")?.status;
    await vi.waitFor(async () => expect(await answerStatus()).toBe("STOPPED"), { timeout: 5_000 });
  });

  it("ends a stream broken after the first byte abnormally", async () => {
    upstream.current.enqueueFault({ cutAfterChunks: 3 });
    const lean = await send("/api/v1/chat", withKey({ messages: [{ role: "user", content: "Break" }] }));
    expect(lean.status).toBe(200);
    expect(lean.broken).toBe(true);
  });

  it("refuses a declared body over the limit with 413 before reading it, to a client still sending", async () => {
    const size = 3 * 1024 * 1024;
    const head = `POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Length: ${size}\r\n\r\n`;
    const { received, error } = await rawExchange(port, head, Buffer.alloc(size, 120));
    expect(error).toBeUndefined();
    expect(received).toMatch(/^HTTP\/1\.1 413 .*\r\nConnection: close\r\n/s);
    expect(received).toContain('{"error":"Request body too large: at most 2097152 bytes"}');
  });

  it("refuses a chunked body with 413 once its bytes pass the limit", async () => {
    vi.stubEnv("HTTP_MAX_BODY_BYTES", "1024");
    const lean = await send(
      "/api/v1/chat/completions",
      withKey({ messages: [{ role: "user", content: "x".repeat(4096) }] }),
    );
    expect(lean.status).toBe(413);
    expect(JSON.parse(lean.chunks.join(""))).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("answers 408 to a body that does not arrive in time", async () => {
    vi.stubEnv("HTTP_BODY_TIMEOUT_MS", "300");
    const head = `POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Length: 100\r\n\r\n{"mess`;
    const started = Date.now();
    const { received } = await rawExchange(port, head);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(received).toMatch(/^HTTP\/1\.1 408 .*\r\nConnection: close\r\n/s);
  });

  it("leaves other methods and paths to Next", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/chat"],
      ["OPTIONS", "/api/v1/chat/completions"],
      ["HEAD", "/api/v1/models"],
      ["POST", "/api/v1/models"],
      ["POST", "/api/v1/chat/"],
      ["POST", "/api/chat"],
    ] as const) {
      expect((await send(path, { method, ...withKey() })).status, `${method} ${path}`).toBe(299);
    }
  });

  it("is the Next route's door: the same error body through both", async () => {
    const viaNext = await chatRoute.POST(new Request("http://x/api/v1/chat", { method: "POST", ...withKey({}) }));
    const lean = await send("/api/v1/chat", withKey({}));
    expect(lean.status).toBe(viaNext.status);
    expect(lean.chunks.join("")).toBe(await viaNext.text());
  });
});
