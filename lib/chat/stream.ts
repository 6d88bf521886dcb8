import type { GenerationDelta } from "@/lib/providers/types";
import type { LiveRun } from "./active-runs";
import type { ChatOutcome, ChatRun } from "./pipeline";

/**
 * Turns a ChatRun into a response body. Each door chooses how deltas and the end are written;
 * the pull-based stream reads upstream only as fast as the client reads (backpressure), and a
 * client that goes away cancels the stream, which stops generation.
 */
export interface StreamFormat {
  /** Written once, before the first delta (or the end, for an empty answer). */
  start?: string;
  delta(delta: GenerationDelta): string;
  /** Written after the last delta, whatever the outcome. */
  end?(outcome: ChatOutcome): string | Promise<string>;
  /** When true, an answer broken mid-stream ends the body abnormally instead of cleanly. */
  failAbnormally?: boolean;
}

export function streamRun(run: ChatRun, format: StreamFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let prefix = format.start ?? "";
  const write = (controller: ReadableStreamDefaultController<Uint8Array>, text: string) => {
    if (prefix || text) controller.enqueue(encoder.encode(prefix + text));
    prefix = "";
  };
  const close = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    write(controller, (await format.end?.(await run.finished)) ?? "");
    controller.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await run.deltas.next();
          if (next.done) await close(controller);
          else write(controller, format.delta(next.value));
        } catch (error) {
          // The partial answer and its usage are saved by now; the client must not take
          // the body for a complete answer.
          if (format.failAbnormally) controller.error(error);
          else await close(controller);
        }
      },
      cancel() {
        run.abort();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * A response body that follows a live answer (see active-runs.ts) instead of pulling it: it
 * replays the answer so far, then forwards the rest, and leaving does not stop generation (the
 * run decides that). Used by the browser, whose page may be reloaded mid-answer.
 */
export function followRun(live: LiveRun, format: StreamFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let unfollow = () => {};
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (open && text) controller.enqueue(encoder.encode(text));
      };
      write(format.start ?? "");
      unfollow = live.follow({
        delta: (delta) => write(format.delta(delta)),
        async end(outcome) {
          try {
            write((await format.end?.(outcome)) ?? "");
            if (open) controller.close();
          } catch (error) {
            if (open) controller.error(error);
          }
          open = false;
        },
      });
    },
    cancel() {
      open = false;
      unfollow();
    },
  });
}

/** Headers of every streamed answer (the documented ones, plus no proxy buffering). */
export const STREAM_HEADERS = {
  "Cache-Control": "no-cache",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
} as const;
