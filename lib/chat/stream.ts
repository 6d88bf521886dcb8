import type { GenerationDelta } from "@/lib/providers/types";
import type { ChatOutcome } from "./pipeline";
import type { LogEntry } from "./runs/log";

/**
 * Turns an answer's log (lib/chat/runs/follow.ts) into a response body. Each door chooses
 * how deltas and the end are written. A reader that goes away calls `onCancel`: the public API
 * stops its answer then; the browser's answer goes on for a reloaded page to pick up.
 */
export interface StreamFormat {
  /** Written once, before the first delta (or the end, for an empty answer). */
  start?: string;
  delta(delta: GenerationDelta): string;
  /** Written after the last delta, whatever the outcome. */
  end?(outcome: ChatOutcome): string | Promise<string>;
  /** Written after the end, when it comes (the browser's generated title); the body stays open until then. */
  afterEnd?(): Promise<string>;
  /** When true, an answer broken mid-stream ends the body abnormally instead of cleanly. */
  failAbnormally?: boolean;
}

/**
 * The answer's body, chunk by chunk: plain strings, written as they come by the production
 * server's lean door (lib/api/lean-door.ts) or, for Next's routes, through `bodyStream`. Reading
 * ends when `gone` aborts (the reader went away); an answer that broke mid-stream, with
 * `failAbnormally`, throws after its last text.
 */
export async function* streamAnswer(
  read: (signal: AbortSignal) => AsyncGenerator<LogEntry>,
  format: StreamFormat,
  gone: AbortSignal,
): AsyncGenerator<string, void, undefined> {
  let prefix = format.start ?? "";
  const withPrefix = (text: string) => {
    const chunk = prefix + text;
    prefix = "";
    return chunk;
  };
  const entries = read(gone);
  for (;;) {
    const next = await entries.next().catch(() => ({ done: true, value: undefined }) as const);
    // The log ended without an end (it expired, or the reader went away): what was saved is on
    // the conversation.
    if (next.done) return;
    const { event } = next.value;
    if (event.type === "delta") {
      const chunk = withPrefix(format.delta(event.delta));
      if (chunk) yield chunk;
      continue;
    }
    const { outcome } = event;
    // The partial answer and its usage are saved by now; a client must not take the body for a
    // complete answer.
    if (outcome.status === "ERROR" && format.failAbnormally) {
      if (prefix) yield withPrefix("");
      throw new Error(outcome.error ?? "The answer failed");
    }
    const last = withPrefix((await format.end?.(outcome)) ?? "");
    if (last) yield last;
    const after = (await format.afterEnd?.()) ?? "";
    if (after) yield after;
    return;
  }
}

/**
 * Chunks as a response body for Next's routes: pulled one at a time, encoded; a reader that
 * cancels calls `onCancel` at once, even while the next chunk is awaited.
 */
export function bodyStream(chunks: AsyncIterable<string>, onCancel: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      cancel: onCancel,
    },
    { highWaterMark: 0 },
  );
}

/** The text of a delta, for the doors that stream text only. */
export function textOf(delta: GenerationDelta): string {
  return delta.type === "text" ? delta.text : "";
}

/** Headers of every streamed answer (the documented ones, plus no proxy buffering). */
export const STREAM_HEADERS = {
  "Cache-Control": "no-cache",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
} as const;
