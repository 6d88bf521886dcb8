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

export function streamAnswer(
  read: (signal: AbortSignal) => AsyncGenerator<LogEntry>,
  format: StreamFormat,
  onCancel: () => void = () => {},
): ReadableStream<Uint8Array> {
  const reading = new AbortController();
  const entries = read(reading.signal);
  const encoder = new TextEncoder();
  let prefix = format.start ?? "";
  let ended = false;
  const write = (controller: ReadableStreamDefaultController<Uint8Array>, text: string) => {
    if (prefix || text) controller.enqueue(encoder.encode(prefix + text));
    prefix = "";
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (ended) {
          write(controller, (await format.afterEnd?.()) ?? "");
          return controller.close();
        }
        const next = await entries.next().catch(() => ({ done: true, value: undefined }) as const);
        // The log ended without an end (it expired): what was saved is on the conversation.
        if (next.done) return controller.close();
        const { event } = next.value;
        if (event.type === "delta") return write(controller, format.delta(event.delta));
        const { outcome } = event;
        // The partial answer and its usage are saved by now; a client must not take the body
        // for a complete answer.
        if (outcome.status === "ERROR" && format.failAbnormally) {
          write(controller, "");
          return controller.error(new Error(outcome.error ?? "The answer failed"));
        }
        write(controller, (await format.end?.(outcome)) ?? "");
        // The end goes out at once; what follows it comes with the next read.
        if (format.afterEnd) ended = true;
        else controller.close();
      },
      cancel() {
        onCancel();
        reading.abort();
      },
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
