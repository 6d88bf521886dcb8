import { createParser, type EventSourceMessage } from "eventsource-parser";
import { Agent, type Dispatcher, interceptors, request } from "undici";
import { chatConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import type { ProviderConfig } from "./config";
import { ProviderError, type ProviderEvent, type ProviderStream } from "./types";

/**
 * What both adapters share: one HTTP call whose every failure before the first event is a typed
 * `ProviderError`, and an SSE reader whose failures after it are interruptions.
 */

export const UPSTREAM_FAILED_MESSAGE = "Failed to generate response";

/** The stream broke after the first byte: the answer so far is partial, and is never retried. */
export class ProviderInterruptedError extends AppError {
  constructor(reason: string) {
    super("upstream_failed", `The answer was interrupted: ${reason}`);
  }
}

/** The key of a provider, read from the environment variable the providers file names. */
export function apiKeyOf(provider: ProviderConfig): string | undefined {
  return provider.apiKeyEnv ? process.env[provider.apiKeyEnv] || undefined : undefined;
}

/** When the provider gives no Retry-After, callers are told to wait this long. */
const DEFAULT_RETRY_AFTER_S = 5;

/** The typed failure of a refused call, from its status (the provider's body is for admins only). */
export function failureOf(provider: string, status: number, retryAfter: string | null, body: string): ProviderError {
  const detail = `${provider} answered HTTP ${status}: ${body.slice(0, 500)}`;
  if (status === 429 || status === 503 || status === 529) {
    const seconds = Number(retryAfter);
    const wait = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : DEFAULT_RETRY_AFTER_S;
    return new ProviderError("overloaded", `The model is busy. Try again in ${wait} seconds.`, detail, wait);
  }
  if (status >= 500) return new ProviderError("unavailable", UPSTREAM_FAILED_MESSAGE, detail);
  if (status === 401 || status === 403 || status === 404) {
    // Our own key or configuration is wrong: an operator problem, logged, never shown to callers.
    console.error(`provider misconfigured: ${detail}`);
    return new ProviderError("misconfigured", "The model provider refused the server's configuration", detail);
  }
  return new ProviderError("unsupported", `The provider refused the request: ${providerMessage(body)}`, detail);
}

/** The `error.message` of a provider's JSON error body (OpenAI's and Anthropic's shapes), for 400s. */
function providerMessage(body: string): string {
  try {
    const json = JSON.parse(body) as { error?: { message?: unknown } | string };
    const message = typeof json.error === "string" ? json.error : json.error?.message;
    if (typeof message === "string" && message) return message.slice(0, 300);
  } catch {
    // Not JSON: say nothing of it.
  }
  return "invalid request";
}

/** A provider's answer body as undici gives it (a Node stream of Buffers), as the parsers read it. */
export type UpstreamBody = AsyncIterable<Uint8Array>;

/** fetch()'s limit, kept: a provider behind a redirect (a moved base URL) still answers. */
const MAX_REDIRECTS = 20;

const POOL = Symbol.for("spj.providers.pool");

/**
 * The keep-alive connections of every provider call in the process. Next bundles this module into
 * each route, so the pool lives on globalThis to stay one per process. It is our own Agent, not
 * undici's global dispatcher: that one is shared with Node's bundled fetch(), an older undici.
 * An Agent has no connection limit per origin: 200 concurrent streams to one provider open 200
 * sockets, reused by the next calls.
 */
function upstreamPool(): Dispatcher {
  const holder = globalThis as typeof globalThis & { [POOL]?: Dispatcher };
  holder[POOL] ??= new Agent().compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS }));
  return holder[POOL];
}

/**
 * How much of a refused call's body is read: enough for any provider's JSON error, and a body
 * that goes on (a misbehaving proxy's page, an endless stream) is cut there.
 */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

/** `decode` options for a body read in pieces: a character split between reads waits for its end. */
const STREAMING = { stream: true } as const;

/** A refused call's body as text, up to `maxBytes`: past that it is never read, and the socket is closed. */
async function boundedText(body: UpstreamBody, maxBytes: number): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  try {
    for await (const chunk of body) {
      text += decoder.decode(chunk.subarray(0, maxBytes - bytes), STREAMING);
      bytes += chunk.length;
      if (bytes >= maxBytes) break;
    }
  } catch {
    // A body cut short still says what it said.
  }
  return text + decoder.decode();
}

/** A response header as fetch()'s `headers.get` gives it: repeated values joined. */
const headerValue = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(", ") : (value ?? null);

/**
 * Sends the request and resolves at the first event. `parse` turns the response body into
 * events; it throws `ProviderInterruptedError` when the stream breaks.
 */
export async function openEventStream(
  provider: ProviderConfig,
  url: string,
  init: { headers: Record<string, string>; body: unknown },
  options: {
    signal: AbortSignal;
    parse: (body: UpstreamBody, signal: AbortSignal) => AsyncGenerator<ProviderEvent, void, undefined>;
  },
): Promise<ProviderStream> {
  const started = performance.now();
  const firstByte = new AbortController();
  const timer = setTimeout(() => firstByte.abort(), chatConfig().firstByteTimeoutMs);
  const signal = AbortSignal.any([options.signal, firstByte.signal]);
  const unavailable = (why: string) =>
    new ProviderError("unavailable", UPSTREAM_FAILED_MESSAGE, `${provider.id}: ${why}`);
  try {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: "POST",
        // fetch() sent "node" as the user agent; some providers' firewalls refuse requests without one.
        headers: {
          "content-type": "application/json",
          accept: "text/event-stream",
          "user-agent": "node",
          ...init.headers,
        },
        body: JSON.stringify(init.body),
        signal,
        dispatcher: upstreamPool(),
      });
    } catch (error) {
      if (options.signal.aborted) throw error;
      if (firstByte.signal.aborted) throw unavailable("timeout");
      throw unavailable(`network error (${(error as Error).message})`);
    }
    const { statusCode, headers, body } = response;
    if (statusCode < 200 || statusCode > 299) {
      const text = await boundedText(body, MAX_ERROR_BODY_BYTES);
      throw failureOf(provider.id, statusCode, headerValue(headers["retry-after"]), text);
    }
    const events = options.parse(body, signal);
    const first = await events.next();
    if (first.done) throw unavailable("empty stream");
    clearTimeout(timer);
    return { events: prepend(first.value, events), ttftMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (firstByte.signal.aborted && !options.signal.aborted) throw unavailable("timeout");
    if (error instanceof ProviderInterruptedError) throw unavailable(`${error.message} before the first byte`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function* prepend(
  first: ProviderEvent,
  rest: AsyncGenerator<ProviderEvent, void, undefined>,
): AsyncGenerator<ProviderEvent, void, undefined> {
  try {
    yield first;
    yield* rest;
  } finally {
    // A consumer that stops at the first event never reached `yield*`: `rest` (and its socket)
    // must still be closed.
    await rest.return();
  }
}

/**
 * The SSE messages of a body (undici's, a Node stream: Buffers). eventsource-parser handles
 * partial lines across reads, several events per read and `:` comments; a read that fails is an
 * interruption. A consumer that stops early (Stop, a closed tab) ends the `for await`, which
 * destroys the body: undici then closes the socket at once.
 */
export async function* sseMessages(
  body: UpstreamBody,
  signal: AbortSignal,
): AsyncGenerator<EventSourceMessage, void, undefined> {
  const decoder = new TextDecoder();
  // What one read completed: the parser calls back synchronously within `feed`.
  const parsed: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => parsed.push(message) });
  try {
    for await (const bytes of body) {
      parser.feed(decoder.decode(bytes, STREAMING));
      for (const message of parsed) yield message;
      parsed.length = 0;
    }
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ProviderInterruptedError("the connection broke");
  }
}

export function parseJson<T>(data: string): T {
  try {
    return JSON.parse(data) as T;
  } catch {
    throw new ProviderInterruptedError("unreadable event");
  }
}
