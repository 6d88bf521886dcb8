// A small OpenAI-compatible provider (think Groq's /openai/v1) on node:http.
// Used offline by the app, by tests (with injectable faults) and by
// benchmarks, so the hot path is plain string building and one timer per stream.

import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isTitleRequest } from "../chat/title";
import { imageUrlTokens } from "../files/image-tokens";
import { type TokenCounter, tokenCounterFor } from "../usage/tokens";
import { type ChatMessage, longAnswer, splitIntoChunks } from "./answers";
import { handleMessages } from "./anthropic";
import { argumentFragments, scenarioOf, type ToolSpec } from "./scenario";

export type Fault = {
  status?: number;
  cutAfterChunks?: number;
  firstByteDelayMs?: number;
  chunkDelayMs?: number;
  omitUsage?: boolean;
  /**
   * Answer with about this many tokens of varied Markdown instead of the short demo answer, and
   * do not cut it at max_tokens (as a provider that ignores it would): long-answer benchmarks.
   */
  answerTokens?: number;
  times?: number;
  /**
   * Only requests whose messages contain this text take the fault: a test puts a marker of its
   * own in what it sends, so tests running in parallel never take each other's faults.
   */
  scope?: string;
  /**
   * True: only title requests (lib/chat/title.ts) take the fault; otherwise they never do, so a
   * chat's generated title never takes a fault meant for its answers.
   */
  title?: boolean;
};

export type RecordedRequest = {
  id: string;
  /** Which wire format the request came in: OpenAI's chat completions or Anthropic's messages. */
  api: "openai" | "anthropic";
  /** The request body as received, for tests that check what was passed through. */
  body: Record<string, unknown>;
  model: string;
  messages: unknown[];
  stream: boolean;
  includeUsage: boolean;
  authorization: string | null;
  maxTokens: number | null;
  temperature: number | null;
  chunksPlanned: number;
  chunksSent: number;
  completed: boolean;
  aborted: boolean;
  startedAt: number;
  endedAt: number | null;
  /** HTTP status we answered with (0 if the socket was cut before headers). */
  status: number;
};

/** What a request is recorded with when it arrives, before any chunk is sent (both wire formats). */
export function recordedRequest(
  arrived: Omit<
    RecordedRequest,
    "chunksPlanned" | "chunksSent" | "completed" | "aborted" | "startedAt" | "endedAt" | "status"
  >,
): RecordedRequest {
  return {
    ...arrived,
    chunksPlanned: 0,
    chunksSent: 0,
    completed: false,
    aborted: false,
    startedAt: Date.now(),
    endedAt: null,
    status: 0,
  };
}

// `| undefined` lets callers pass through optional env values as-is.
export type LocalUpstreamOptions = {
  port?: number | undefined;
  host?: string | undefined;
  chunkDelayMs?: number | undefined;
  requireKey?: string | undefined;
  models?: string[] | undefined;
};

export type LocalUpstream = {
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  enqueueFault(f: Fault): void;
  reset(): void;
  close(): Promise<void>;
};

type Json = Record<string, unknown>;

/** What a wire format's handler needs from the server: its faults, records, models and options. */
export type UpstreamContext = {
  options: LocalUpstreamOptions;
  models: string[];
  counters: Map<string, TokenCounter>;
  defaultDelay: number;
  /** The first queued fault for a request with these messages (see Fault.scope). */
  takeFault(messages: ChatMessage[]): Fault;
  record(r: RecordedRequest): void;
};

const MAX_RECORDED = 1000;
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const FAULT_NUMBERS = [
  "status",
  "cutAfterChunks",
  "firstByteDelayMs",
  "chunkDelayMs",
  "answerTokens",
  "times",
] as const;

/** Returns the fault, or an error message describing why it is invalid. */
export function parseFault(value: unknown): Fault | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "fault must be an object";
  const v = value as Json;
  for (const key of FAULT_NUMBERS) {
    const n = v[key];
    if (n !== undefined && (typeof n !== "number" || !Number.isInteger(n) || n < 0)) {
      return `${key} must be a non-negative integer`;
    }
  }
  if (v.status !== undefined && ((v.status as number) < 400 || (v.status as number) > 599)) {
    return "status must be between 400 and 599";
  }
  if (v.omitUsage !== undefined && typeof v.omitUsage !== "boolean") return "omitUsage must be a boolean";
  if (v.title !== undefined && typeof v.title !== "boolean") return "title must be a boolean";
  if (v.scope !== undefined && (typeof v.scope !== "string" || v.scope === ""))
    return "scope must be a non-empty string";
  return v as Fault;
}

function errorBody(message: string, type: string, code: string | null): Json {
  return { error: { message, type, code } };
}

function faultError(status: number): Json {
  const message = `Simulated upstream error (HTTP ${status})`;
  if (status === 429) return errorBody(message, "tokens", "rate_limit_exceeded");
  if (status === 401) return errorBody(message, "invalid_request_error", "invalid_api_key");
  if (status >= 500) return errorBody(message, "server_error", "service_unavailable");
  return errorBody(message, "invalid_request_error", "simulated_error");
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_BODY_BYTES) return null;
    parts.push(part);
  }
  return Buffer.concat(parts).toString("utf8");
}

// OpenAI accepts either a string or an array of parts; only text matters here.
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((p: unknown) =>
      typeof p === "object" && p !== null && typeof (p as Json).text === "string" ? (p as Json).text : "",
    )
    .join("");
}

/**
 * The tokens of the images in a message's content, as a provider bills them (both wire formats:
 * OpenAI `image_url` parts, Anthropic image blocks), so reported usage counts them.
 */
export function imageTokensIn(content: unknown): number {
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const part of content as Json[]) {
    const openAi = part.type === "image_url" ? (part.image_url as Json | undefined)?.url : undefined;
    const source = part.type === "image" ? (part.source as Json | undefined) : undefined;
    if (typeof openAi === "string") total += imageUrlTokens(openAi);
    // Only the first bytes are read for the dimensions: no need to copy a whole image's base64.
    else if (source?.type === "base64")
      total += imageUrlTokens(`data:image;base64,${String(source.data).slice(0, 65_536)}`);
    else if (source) total += imageUrlTokens(String(source.url ?? ""));
  }
  return total;
}

export function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Whether any message's text contains `scope` (see Fault.scope). */
function inScope(messages: unknown[], scope: string): boolean {
  return messages.some((m) => {
    const content = typeof m === "object" && m !== null ? (m as Json).content : undefined;
    return contentText(content).includes(scope);
  });
}

/** The leading pieces whose tokens stay within `maxTokens`. */
export function withinTokens(pieces: string[], maxTokens: number, counter: TokenCounter): string[] {
  let used = 0;
  let n = 0;
  for (const piece of pieces) {
    used += counter.text(piece);
    if (used > maxTokens) break;
    n += 1;
  }
  return pieces.slice(0, n);
}

export async function startLocalUpstream(options: LocalUpstreamOptions = {}): Promise<LocalUpstream> {
  const host = options.host ?? "127.0.0.1";
  const defaultDelay = options.chunkDelayMs ?? 15;
  const models = options.models ?? ["llama-3.3-70b-versatile"];
  // Usage is counted like a real provider does: the model's tokenizer over its chat template.
  const counters = new Map<string, TokenCounter>();
  for (const model of models) counters.set(model, await tokenCounterFor(model));
  const serverCreated = Math.floor(Date.now() / 1000);
  const requests: RecordedRequest[] = [];
  const faults: { fault: Fault; remaining: number }[] = [];
  let streamCount = 0;

  function enqueueFault(f: Fault): void {
    const parsed = parseFault(f);
    if (typeof parsed === "string") throw new Error(`Invalid fault: ${parsed}`);
    faults.push({ fault: parsed, remaining: parsed.times ?? 1 });
  }

  /** The first queued fault for a request with these messages (unscoped faults take any). */
  function takeFault(messages: ChatMessage[]): Fault {
    const title = isTitleRequest(messages[0]?.content ?? "");
    const index = faults.findIndex(
      ({ fault }) => Boolean(fault.title) === title && (!fault.scope || inScope(messages, fault.scope)),
    );
    const queued = faults[index];
    if (!queued) return {};
    queued.remaining -= 1;
    if (queued.remaining <= 0) faults.splice(index, 1);
    return queued.fault;
  }

  // Cleared in place so the `requests` reference handed out stays live.
  function reset(): void {
    faults.length = 0;
    requests.length = 0;
  }

  function record(r: RecordedRequest): void {
    requests.push(r);
    if (requests.length > MAX_RECORDED) requests.shift();
  }

  async function handleChat(req: IncomingMessage, res: ServerResponse, body: Json): Promise<void> {
    const rawMessages = Array.isArray(body.messages) ? (body.messages as unknown[]) : null;
    const streamOptions =
      typeof body.stream_options === "object" && body.stream_options !== null ? (body.stream_options as Json) : {};
    const id = `chatcmpl-${randomUUID().replace(/-/g, "")}`;
    const created = Math.floor(Date.now() / 1000);
    const rec = recordedRequest({
      id,
      api: "openai",
      body,
      model: typeof body.model === "string" ? body.model : "",
      messages: rawMessages ?? [],
      stream: body.stream === true,
      includeUsage: streamOptions.include_usage === true,
      authorization: req.headers.authorization ?? null,
      maxTokens: numberOrNull(body.max_tokens ?? body.max_completion_tokens),
      temperature: numberOrNull(body.temperature),
    });
    record(rec);
    const fail = (status: number, error: Json): void => {
      rec.status = status;
      rec.endedAt = Date.now();
      sendJson(res, status, error);
    };

    if (options.requireKey !== undefined && rec.authorization !== `Bearer ${options.requireKey}`) {
      return fail(401, errorBody("Invalid API Key", "invalid_request_error", "invalid_api_key"));
    }
    if (!rawMessages || rawMessages.some((m) => typeof m !== "object" || m === null)) {
      return fail(
        400,
        errorBody("'messages' must be an array of message objects", "invalid_request_error", "invalid_request"),
      );
    }
    if (!rec.model) return fail(400, errorBody("'model' is required", "invalid_request_error", "invalid_request"));
    if (!models.includes(rec.model)) {
      const message = `The model \`${rec.model}\` does not exist or you do not have access to it.`;
      return fail(404, errorBody(message, "invalid_request_error", "model_not_found"));
    }

    const messages: ChatMessage[] = rawMessages.map((m) => {
      const msg = m as Json;
      return {
        role: typeof msg.role === "string" ? msg.role : "",
        content: contentText(msg.content),
        imageTokens: imageTokensIn(msg.content),
      };
    });
    const counter = counters.get(rec.model) as TokenCounter;
    const fault = takeFault(messages);
    const long = fault.answerTokens;
    const tools: ToolSpec[] = (Array.isArray(body.tools) ? (body.tools as Json[]) : []).map((t) => ({
      name: String((t.function as Json | undefined)?.name ?? ""),
      parameters: (t.function as Json | undefined)?.parameters as Json | undefined,
    }));
    const last = messages.at(-1);
    const scenario = scenarioOf({
      messages,
      tools,
      toolResult: last?.role === "tool" ? last.content : null,
      reasoning: body.reasoning_effort !== undefined || body.reasoning != null,
      id,
    });
    // max_tokens is honoured as a real provider does: the answer stops before it would pass that
    // many tokens, with finish_reason "length".
    const allPieces = splitIntoChunks(long ? longAnswer(messages, long, (text) => counter.text(text)) : scenario.text);
    const pieces = rec.maxTokens && !long ? withinTokens(allPieces, rec.maxTokens, counter) : allPieces;
    const answer = pieces.join("");
    const call = scenario.toolCall;
    const finishReason = call ? "tool_calls" : pieces.length < allPieces.length ? "length" : "stop";
    // Each delta of the stream: reasoning, then the answer's text or its tool call in fragments.
    const deltas = [
      ...scenario.reasoning.map((text) => JSON.stringify({ reasoning_content: text })),
      ...pieces.map((text) => JSON.stringify({ content: text })),
      ...(call
        ? argumentFragments(call.arguments).map((args, i) =>
            JSON.stringify({
              tool_calls: [
                i === 0
                  ? { index: 0, id: call.id, type: "function", function: { name: call.name, arguments: args } }
                  : { index: 0, function: { arguments: args } },
              ],
            }),
          )
        : []),
    ];
    rec.chunksPlanned = deltas.length;
    // Counted when the answer ends, off the first byte's path; a finished answer's end-of-turn
    // token is billed as a completion token.
    const usage = () => {
      const prompt = counter.prompt(messages);
      const generated = scenario.reasoning.join("") + answer + (call ? call.name + call.arguments : "");
      const completion = counter.text(generated) + (finishReason === "length" ? 0 : counter.endOfTurn);
      return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
    };

    const delay = fault.chunkDelayMs ?? defaultDelay;
    const cutAt = fault.cutAfterChunks;
    const sendUsage = !fault.omitUsage;

    // One cancel slot: at any moment a stream waits on at most one timer.
    let cancel: () => void = () => {};
    let finished = false;
    let cutByUs = false;
    res.on("close", () => {
      cancel();
      if (finished) return;
      finished = true;
      rec.aborted = !cutByUs;
      rec.endedAt = Date.now();
    });
    const wait = (ms: number, fn: () => void): void => {
      if (ms > 0) {
        const t = setTimeout(fn, ms);
        cancel = () => clearTimeout(t);
      } else {
        const t = setImmediate(fn);
        cancel = () => clearImmediate(t);
      }
    };
    const cutSocket = (): void => {
      cutByUs = true;
      res.socket?.destroy();
    };

    const start = (): void => {
      if (finished) return;
      if (fault.status !== undefined) {
        finished = true;
        fail(fault.status, faultError(fault.status));
      } else if (rec.stream) {
        rec.status = 200;
        streamAnswer();
      } else if (cutAt !== undefined) {
        cutSocket();
      } else {
        finished = true;
        rec.status = 200;
        rec.chunksSent = deltas.length;
        rec.completed = true;
        rec.endedAt = Date.now();
        const toolCalls = call
          ? [{ id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } }]
          : undefined;
        const reasoning = scenario.reasoning.length ? { reasoning_content: scenario.reasoning.join("") } : {};
        const message = { role: "assistant", content: call ? null : answer, ...reasoning, tool_calls: toolCalls };
        const choice = { index: 0, message, logprobs: null, finish_reason: finishReason };
        const completion = { id, object: "chat.completion", created, model: rec.model, choices: [choice] };
        sendJson(res, 200, sendUsage ? { ...completion, usage: usage() } : completion);
      }
    };

    const streamAnswer = (): void => {
      const n = streamCount++;
      const head = `data: {"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(rec.model)},"choices":[`;
      const delta = (d: string, finish: string): string =>
        `${head}{"index":0,"delta":${d},"logprobs":null,"finish_reason":${finish}}]}\n\n`;
      let i = 0;
      let carry = "";

      const step = (): void => {
        let out = carry + delta(deltas[i] as string, "null");
        carry = "";
        i += 1;
        rec.chunksSent = i;
        if (cutAt !== undefined && i >= cutAt) {
          res.write(out, cutSocket);
        } else if (i === deltas.length) {
          finish(out);
        } else {
          // Now and then split an event across two writes so clients must buffer partial lines.
          if (i % 7 === 3) {
            carry = out.slice(-9);
            out = out.slice(0, -9);
          }
          res.write(out);
          wait(delay, step);
        }
      };

      const finish = (out: string): void => {
        finished = true;
        let tail = out + delta("{}", JSON.stringify(finishReason));
        if (rec.includeUsage && sendUsage) tail += `${head}],"usage":${JSON.stringify(usage())}}\n\n`;
        res.end(`${tail}data: [DONE]\n\n`);
        rec.completed = true;
        rec.endedAt = Date.now();
      };

      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        "x-accel-buffering": "no",
        "x-request-id": id,
      });
      // Comments like OpenRouter's keep-alives appear on every other stream.
      const opening = (n % 2 === 0 ? ": keep-alive\n\n" : "") + delta('{"role":"assistant","content":""}', "null");
      if (cutAt === 0) {
        res.write(opening, cutSocket);
      } else if (deltas.length === 0) {
        finish(opening);
      } else if (n % 3 === 1) {
        // Every third stream sends the role and first content event in one write.
        carry = opening;
        step();
      } else {
        res.write(opening);
        wait(delay, step);
      }
    };

    if (fault.firstByteDelayMs) wait(fault.firstByteDelayMs, start);
    else start();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    const route = `${req.method} ${path}`;

    if (route === "GET /__control/requests") {
      const scope = new URL(req.url ?? "/", "http://upstream").searchParams.get("scope");
      return sendJson(res, 200, scope ? requests.filter((r) => inScope(r.messages, scope)) : requests);
    }
    if (route === "POST /__control/reset") {
      reset();
      return sendJson(res, 200, { ok: true });
    }
    if (route === "GET /v1/models") {
      if (options.requireKey !== undefined && req.headers.authorization !== `Bearer ${options.requireKey}`) {
        return sendJson(res, 401, errorBody("Invalid API Key", "invalid_request_error", "invalid_api_key"));
      }
      const data = models.map((id) => ({ id, object: "model", created: serverCreated, owned_by: "spj-local" }));
      return sendJson(res, 200, { object: "list", data });
    }
    const chatRoutes = ["POST /v1/chat/completions", "POST /v1/messages"];
    if (route !== "POST /__control/faults" && !chatRoutes.includes(route)) {
      return sendJson(res, 404, errorBody(`Unknown route: ${route}`, "invalid_request_error", "not_found"));
    }

    const text = await readBody(req);
    if (text === null)
      return sendJson(res, 413, errorBody("Request body too large", "invalid_request_error", "payload_too_large"));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(res, 400, errorBody("Request body is not valid JSON", "invalid_request_error", "invalid_json"));
    }

    if (route === "POST /__control/faults") {
      const parsed = parseFault(body);
      if (typeof parsed === "string")
        return sendJson(res, 400, errorBody(parsed, "invalid_request_error", "invalid_fault"));
      enqueueFault(parsed);
      return sendJson(res, 200, { ok: true, queued: faults.length });
    }
    const json = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Json) : {};
    if (route === "POST /v1/messages") {
      return handleMessages(req, res, json, { options, models, counters, defaultDelay, takeFault, record });
    }
    return handleChat(req, res, json);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(String(err), "server_error", "internal_error"));
      else res.destroy();
    });
  });

  // Node closes idle keep-alive sockets after 5 s by default, and fetch clients (undici) reuse
  // them for ~4 s give or take a coarse timer: a request sent on a socket the server is closing
  // fails with "other side closed". Never closing idle sockets leaves that choice to the client.
  server.keepAliveTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // Wildcard binds are reachable via loopback; IPv6 literals need brackets in URLs.
  const urlHost = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host;

  return {
    baseUrl: `http://${urlHost}:${port}/v1`,
    port,
    requests,
    enqueueFault,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Open streams and keep-alive sockets would otherwise hold close() forever.
        server.closeAllConnections();
      }),
  };
}
