import { EventSourceParserStream } from "eventsource-parser/stream";
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
    parse: (body: ReadableStream<Uint8Array>, signal: AbortSignal) => AsyncGenerator<ProviderEvent, void, undefined>;
  },
): Promise<ProviderStream> {
  const started = performance.now();
  const firstByte = new AbortController();
  const timer = setTimeout(() => firstByte.abort(), chatConfig().firstByteTimeoutMs);
  const signal = AbortSignal.any([options.signal, firstByte.signal]);
  const unavailable = (why: string) =>
    new ProviderError("unavailable", UPSTREAM_FAILED_MESSAGE, `${provider.id}: ${why}`);
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/event-stream", ...init.headers },
        body: JSON.stringify(init.body),
        signal,
      });
    } catch (error) {
      if (options.signal.aborted) throw error;
      if (firstByte.signal.aborted) throw unavailable("timeout");
      throw unavailable(`network error (${(error as Error).message})`);
    }
    if (!response.ok || !response.body) {
      const body = await response.text().catch(() => "");
      throw failureOf(provider.id, response.status, response.headers.get("retry-after"), body);
    }
    const events = options.parse(response.body, signal);
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
  yield first;
  yield* rest;
}

export interface SseMessage {
  event?: string;
  data: string;
}

/**
 * The SSE messages of a body. eventsource-parser handles partial lines across reads, several
 * events per read and `:` comments; a read that fails is an interruption.
 */
export async function* sseMessages(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): AsyncGenerator<SseMessage, void, undefined> {
  const reader = body
    .pipeThrough(new TextDecoderStream() as TransformStream<Uint8Array, string>)
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  try {
    for (;;) {
      let read: ReadableStreamReadResult<SseMessage>;
      try {
        read = await reader.read();
      } catch (error) {
        if (signal.aborted) throw error;
        throw new ProviderInterruptedError("the connection broke");
      }
      if (read.done) return;
      yield read.value;
    }
  } finally {
    // Releases the socket at once when the consumer stops early (Stop, a closed tab).
    await reader.cancel().catch(() => {});
  }
}

export function parseJson<T>(data: string): T {
  try {
    return JSON.parse(data) as T;
  } catch {
    throw new ProviderInterruptedError("unreadable event");
  }
}
