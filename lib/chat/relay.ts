import type { MessageStatus } from "@/lib/db/enums";
import type { AppError } from "@/lib/errors";
import type { FinishReason, GenerationDelta, ProviderStream, ProviderUsage } from "@/lib/providers/types";
import type { LiveRun } from "./active-runs";
import { explainFailure } from "./generation";
import type { MessagePart } from "./parts";
import type { ChatOutcome } from "./turn-end";

/**
 * Relaying an answer: every content delta goes to `live` (for followers) and to the door; usage
 * and the finish reason are kept for the end, when the answer is saved however it ended —
 * complete, stopped, or broken after its first byte (never retried: the caller has part of it).
 */

/** Saves the answer as it ended (see turn-end.ts). */
export type Finish = (result: {
  status: MessageStatus;
  parts: MessagePart[];
  finishReason: FinishReason | null;
  usage: ProviderUsage | null;
  error: string | null;
  cause: string | null;
}) => Promise<ChatOutcome>;

export async function* relay(
  stream: ProviderStream,
  signal: AbortSignal,
  live: LiveRun,
  finish: Finish,
  settle: (outcome: ChatOutcome) => void,
): AsyncGenerator<GenerationDelta, void, undefined> {
  let usage: ProviderUsage | null = null;
  let finishReason: FinishReason | null = null;
  let completed = false;
  let failure: { appError: AppError; cause: string } | null = null;
  try {
    for await (const event of stream.events) {
      // After a stop, nothing more counts: the saved answer is what the caller was given.
      if (signal.aborted) break;
      if (event.type === "usage") usage = event.usage;
      else if (event.type === "finish") finishReason = event.reason;
      else {
        // The answer so far lives in `live`, where a reloaded page picks it up.
        live.append(event);
        yield event;
      }
    }
    completed = !signal.aborted;
  } catch (error) {
    if (!signal.aborted) failure = explainFailure(error);
  } finally {
    const status: MessageStatus = completed ? "COMPLETE" : failure ? "ERROR" : "STOPPED";
    const parts = live.answer.finish();
    const reason = completed ? (finishReason ?? (live.answer.hasToolCalls ? "tool_calls" : "stop")) : null;
    settle(
      await finish({
        status,
        parts,
        finishReason: reason,
        usage: completed ? usage : null,
        error: failure?.appError.message ?? null,
        cause: failure?.cause ?? null,
      }),
    );
  }
  if (failure) throw failure.appError;
}
