import { EventSourceParserStream } from "eventsource-parser/stream";
import { chatConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";

/**
 * Client for an OpenAI-compatible `POST /chat/completions` (Groq, OpenAI, vLLM, the local
 * upstream). The server-held key is added here and nowhere else.
 */

export type UpstreamRole = "system" | "user" | "assistant";

export interface UpstreamMessage {
  role: UpstreamRole;
  content: string;
  name?: string;
}

export interface UpstreamRequest {
  model: string;
  messages: UpstreamMessage[];
  maxTokens?: number;
  temperature?: number;
  /** Aborting it (Stop, a closed tab) aborts the upstream fetch. */
  signal: AbortSignal;
}

export interface UpstreamUsage {
  promptTokens: number;
  completionTokens: number;
}

export type UpstreamEvent = { type: "delta"; text: string } | { type: "usage"; usage: UpstreamUsage };

export interface UpstreamStream {
  /** Every event, starting with the first delta that `openUpstreamStream` already waited for. */
  events: AsyncGenerator<UpstreamEvent, void, undefined>;
  /** Milliseconds from the call to the first content byte. */
  ttftMs: number;
}

export const UPSTREAM_FAILED_MESSAGE = "Failed to generate response";

/** The stream broke after the first byte: the answer so far is partial. */
export class UpstreamInterruptedError extends AppError {
  constructor(reason: string) {
    super("upstream_failed", `The answer was interrupted: ${reason}`);
  }
}

interface ChunkJson {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string };
}

/**
 * Sends the request and waits for the first content delta, so that every failure before the
 * first byte (status, timeout, an empty stream) surfaces here as a typed error and a door can
 * still answer with a proper status code. Retries 429/5xx and network errors with backoff.
 */
export async function openUpstreamStream(request: UpstreamRequest): Promise<UpstreamStream> {
  const config = chatConfig();
  const started = performance.now();
  let attempt = 0;
  for (;;) {
    try {
      const events = await connect(request, config.baseUrl, config.apiKey, config.firstByteTimeoutMs);
      return { events, ttftMs: Math.round(performance.now() - started) };
    } catch (error) {
      if (request.signal.aborted) throw error;
      const retryAfterMs = error instanceof RetryableError ? error.retryAfterMs : null;
      if (retryAfterMs === null || attempt >= config.upstreamRetries) {
        throw error instanceof RetryableError ? error.final : error;
      }
      attempt += 1;
      await sleep(retryAfterMs || 250 * 2 ** attempt, request.signal);
    }
  }
}

class RetryableError extends Error {
  constructor(
    readonly final: AppError,
    readonly retryAfterMs: number,
  ) {
    super(final.message);
  }
}

async function connect(
  request: UpstreamRequest,
  baseUrl: string,
  apiKey: string | undefined,
  firstByteTimeoutMs: number,
): Promise<AsyncGenerator<UpstreamEvent, void, undefined>> {
  const firstByte = new AbortController();
  const timer = setTimeout(() => firstByte.abort(), firstByteTimeoutMs);
  const signal = AbortSignal.any([request.signal, firstByte.signal]);
  const failed = (upstreamStatus: number | string) =>
    new AppError("upstream_failed", UPSTREAM_FAILED_MESSAGE, { upstreamStatus });
  try {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/chat/completions`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "text/event-stream",
          ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: request.model,
          messages: request.messages,
          stream: true,
          stream_options: { include_usage: true },
          ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        }),
        signal,
      });
    } catch (error) {
      if (request.signal.aborted) throw error;
      if (firstByte.signal.aborted) throw failed("timeout");
      throw new RetryableError(failed("network"), 0);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      const status = response.status;
      if (status === 429 || status >= 500) {
        throw new RetryableError(failed(status), retryAfterMs(response.headers.get("retry-after")));
      }
      // A 401 here means the server's own key is wrong: an operator problem, logged, not shown.
      console.error(`upstream answered ${status} for model ${request.model}`);
      throw failed(status);
    }
    const events = parseEvents(response.body, signal);
    const first = await events.next();
    if (first.done) throw failed("empty stream");
    clearTimeout(timer);
    return prepend(first.value, events);
  } catch (error) {
    if (firstByte.signal.aborted && !request.signal.aborted) throw failed("timeout");
    if (error instanceof UpstreamInterruptedError) throw failed("interrupted before the first byte");
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  // Honour the provider's hint, but never hold a user's request for long.
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, 5000) : 0;
}

async function* prepend(
  first: UpstreamEvent,
  rest: AsyncGenerator<UpstreamEvent, void, undefined>,
): AsyncGenerator<UpstreamEvent, void, undefined> {
  yield first;
  yield* rest;
}

/**
 * Parses the SSE body. eventsource-parser handles partial lines across reads, several events
 * per read and `:` comments; this turns events into deltas and usage, and tells a clean end
 * (`[DONE]` or a finish_reason) from a cut stream.
 */
export async function* parseEvents(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): AsyncGenerator<UpstreamEvent, void, undefined> {
  const reader = body
    .pipeThrough(new TextDecoderStream() as TransformStream<Uint8Array, string>)
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  let finished = false;
  try {
    for (;;) {
      let read: ReadableStreamReadResult<{ data: string }>;
      try {
        read = await reader.read();
      } catch (error) {
        if (signal.aborted) throw error;
        throw new UpstreamInterruptedError("the connection broke");
      }
      if (read.done) break;
      const data = read.value.data;
      if (data === "[DONE]") {
        finished = true;
        break;
      }
      let chunk: ChunkJson;
      try {
        chunk = JSON.parse(data) as ChunkJson;
      } catch {
        throw new UpstreamInterruptedError("unreadable event");
      }
      if (chunk.error) throw new UpstreamInterruptedError(chunk.error.message ?? "provider error");
      const choice = chunk.choices?.[0];
      if (choice?.finish_reason) finished = true;
      const text = choice?.delta?.content;
      if (text) yield { type: "delta", text };
      if (chunk.usage) {
        yield {
          type: "usage",
          usage: {
            promptTokens: chunk.usage.prompt_tokens ?? 0,
            completionTokens: chunk.usage.completion_tokens ?? 0,
          },
        };
      }
    }
    if (!finished) throw new UpstreamInterruptedError("the stream ended early");
  } finally {
    // Releases the socket at once when the consumer stops early (Stop, a closed tab).
    await reader.cancel().catch(() => {});
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
