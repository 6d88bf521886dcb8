import type { MessageStatus } from "@/lib/db/enums";
import { checkpoint } from "@/lib/db/generations";
import type { AppError } from "@/lib/errors";
import type { FinishReason, ProviderEvent, ProviderUsage } from "@/lib/providers/types";
import { AnswerParts } from "../answer";
import type { MessagePart } from "../parts";
import type { ChatOutcome } from "../turn-end";
import { appendEvent, openLog } from "./log";
import { isRead, pollStops, signalStop, subscribeToStops } from "./signals";

/**
 * One answer being generated, in the process that calls the provider. It reads the provider's
 * events itself (no reader holds it back or keeps it alive), appends them to the answer's log,
 * checkpoints the text so far with a heartbeat about every second, stops when asked from any
 * instance, and finalizes the answer once (see saveTurnEnd).
 */
export interface Generation {
  /** The answer's message id. */
  readonly id: string;
  /** Settles once the answer, its ledger row and the quota settlement are saved. */
  readonly finished: Promise<ChatOutcome>;
  /** Ends generation; the partial answer is saved as STOPPED. */
  stop(): void;
  /**
   * Generation goes on without a reader, and stops once nobody has read it for `graceMs`
   * (markRead): a closed tab stops the answer, a reloaded page on any instance picks it up.
   */
  stopWhenUnreadFor(graceMs: number): void;
}

/** How often the text so far and the heartbeat are written, and Stop polled without Redis. */
export const HEARTBEAT_MS = 1_000;

/** Saves the answer as it ended (see turn-end.ts): complete, stopped, or broken mid-answer. */
export type FinishAnswer = (result: {
  status: MessageStatus;
  parts: MessagePart[];
  finishReason: FinishReason | null;
  usage: ProviderUsage | null;
  error: string | null;
  cause: string | null;
}) => Promise<ChatOutcome>;

const holder = globalThis as { spjGenerations?: Map<string, Generation> };
holder.spjGenerations ??= new Map();
const running = holder.spjGenerations;

export function runGeneration(input: {
  id: string;
  events: AsyncIterable<ProviderEvent>;
  /** Aborting it aborts the provider call. */
  controller: AbortController;
  /**
   * Settles once the turn's rows are written (false: they could not be). Nothing is appended to
   * the log before: a reader's first byte means the conversation can be read.
   */
  rowsSaved: Promise<boolean>;
  finish: FinishAnswer;
  /** What a failure after the first byte tells the caller, and the cause for the admins. */
  explain: (error: unknown) => { appError: AppError; cause: string };
}): Generation {
  const { id, controller } = input;
  openLog(id);
  subscribeToStops((stopped) => running.get(stopped)?.stop());
  let graceMs: number | null = null;
  const generation: Generation = {
    id,
    finished: drive(),
    stop: () => controller.abort(),
    stopWhenUnreadFor(ms) {
      graceMs = ms;
    },
  };
  running.set(id, generation);
  void generation.finished.finally(() => running.delete(id));
  return generation;

  async function drive(): Promise<ChatOutcome> {
    if (!(await input.rowsSaved)) return ended({ ...unsaved, messageId: id, content: "", parts: [], error: NOT_SAVED });
    const { signal } = controller;
    const answer = new AnswerParts();
    let appended = 0;
    let written = 0;
    let usage: ProviderUsage | null = null;
    let finishReason: FinishReason | null = null;
    let completed = false;
    let failure: { appError: AppError; cause: string } | null = null;
    let ticking = false;
    const tick = async () => {
      if (ticking || signal.aborted) return;
      ticking = true;
      try {
        const parts = appended === written ? undefined : answer.parts;
        written = appended;
        // False: the answer was finalized elsewhere (a reaper took this run for dead).
        const alive = await checkpoint(id, parts);
        const stopped = (await pollStops([id])).length > 0;
        const unread = graceMs !== null && !(await isRead(id));
        if (!alive || stopped || unread) controller.abort();
      } catch (error) {
        console.error("generation: checkpoint failed", error);
      } finally {
        ticking = false;
      }
    };
    const ticker = setInterval(tick, HEARTBEAT_MS);
    try {
      for await (const event of input.events) {
        // After a stop, nothing more counts: the saved answer is what the readers were given.
        if (signal.aborted) break;
        if (event.type === "usage") usage = event.usage;
        else if (event.type === "finish") finishReason = event.reason;
        else {
          answer.add(event);
          appended++;
          appendEvent(id, { type: "delta", delta: event });
        }
      }
      completed = !signal.aborted;
    } catch (error) {
      if (!signal.aborted) failure = input.explain(error);
    } finally {
      clearInterval(ticker);
    }
    const status: MessageStatus = completed ? "COMPLETE" : failure ? "ERROR" : "STOPPED";
    const parts = answer.finish();
    const outcome = await input
      .finish({
        status,
        parts,
        finishReason: completed ? (finishReason ?? (answer.hasToolCalls ? "tool_calls" : "stop")) : null,
        usage: completed ? usage : null,
        error: failure?.appError.message ?? null,
        cause: failure?.cause ?? null,
      })
      .catch((error): ChatOutcome => {
        // Not saved: the reaper finishes the row from its last checkpoint.
        console.error("generation: could not save the answer", error);
        return { ...unsaved, messageId: id, content: answer.text, parts, error: NOT_SAVED };
      });
    return ended(outcome);
  }

  function ended(outcome: ChatOutcome): ChatOutcome {
    appendEvent(id, { type: "end", outcome });
    return outcome;
  }
}

const NOT_SAVED = "The answer could not be saved.";

const unsaved = {
  status: "ERROR",
  finishReason: null,
  model: "",
  provider: "",
  cost: null,
  promptTokens: 0,
  completionTokens: 0,
  tokenSource: "ESTIMATED",
  latencyMs: 0,
} as const;

/** The answers this process runs (for the graceful shutdown). */
export function runningGenerations(): Generation[] {
  return [...running.values()];
}

/** Whether this process runs the answer. */
export function runsHere(id: string): boolean {
  return running.has(id);
}

/** Stops the answer wherever it runs: here at once, elsewhere through a signal. */
export async function stopGeneration(id: string): Promise<void> {
  const here = running.get(id);
  if (here) here.stop();
  else await signalStop(id);
}
