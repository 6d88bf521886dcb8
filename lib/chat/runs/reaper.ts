import { type StaleGeneration, staleGenerations } from "@/lib/db/generations";
import { saveTurnEnd } from "@/lib/db/turns";
import { costOf, priceOf } from "@/lib/usage/pricing";
import { countUsage, type PromptMessage } from "@/lib/usage/tokens";
import { textParts } from "../parts";
import type { ChatOutcome } from "../pipeline";
import { appendEvent } from "./log";
import { HEARTBEAT_MS, runsHere } from "./run";

/**
 * Finishes answers whose instance died (a crash, `kill -9`, an out-of-memory kill): their
 * heartbeat stopped. Every instance runs it at start and every `REAP_EVERY_MS`; whoever sees a
 * dead run first finishes it, exactly once (saveTurnEnd's claim): the checkpointed text saved as
 * INTERRUPTED, one ledger row with the tokens counted by the tokenizer, the reservation settled.
 */

/** A run that has not written its heartbeat for this long is dead (many missed beats, not one slow one). */
export const STALE_AFTER_MS = 10 * HEARTBEAT_MS;
export const REAP_EVERY_MS = 15_000;

/** Finishes every dead run; returns how many this call finished. */
export async function reapDeadGenerations(staleAfterMs = STALE_AFTER_MS): Promise<number> {
  const stale = await staleGenerations(new Date(Date.now() - staleAfterMs));
  let finished = 0;
  for (const run of stale) {
    // Ours and alive (a blocked event loop, not a dead process): it finishes itself.
    if (runsHere(run.messageId)) continue;
    if (await finishDeadRun(run)) finished++;
  }
  return finished;
}

async function finishDeadRun(run: StaleGeneration): Promise<boolean> {
  const counted = await countUsage(run.model, run.prompt as PromptMessage[], run.content, false);
  const price = priceOf(run.model);
  const lastSign = run.heartbeatAt ?? run.startedAt;
  const outcome: ChatOutcome = {
    status: "INTERRUPTED",
    messageId: run.messageId,
    content: run.content,
    promptTokens: counted.promptTokens,
    completionTokens: counted.completionTokens,
    tokenSource: counted.source,
    error: null,
    latencyMs: Math.max(0, lastSign.getTime() - run.startedAt.getTime()),
  };
  const { saved } = await saveTurnEnd({
    messageId: run.messageId,
    conversationId: run.conversationId,
    parentId: run.parentId,
    userId: run.userId,
    workspaceId: run.workspaceId,
    model: run.model,
    parts: textParts(run.content),
    status: "INTERRUPTED",
    error: null,
    promptTokens: outcome.promptTokens,
    completionTokens: outcome.completionTokens,
    tokenSource: outcome.tokenSource,
    inputPricePer1k: price?.input ?? null,
    outputPricePer1k: price?.output ?? null,
    cost: costOf(run.model, outcome.promptTokens, outcome.completionTokens),
    latencyMs: outcome.latencyMs,
    ttftMs: null,
    apiKeyId: run.apiKeyId,
    reservation: run.reservation,
  });
  // Readers following the dead run's log (on any instance) see it end.
  if (saved) appendEvent(run.messageId, { type: "end", outcome });
  return saved;
}

const holder = globalThis as { spjReaper?: ReturnType<typeof setInterval> };

/** Reaps now and every REAP_EVERY_MS (once per process). */
export function startReaper(): void {
  if (holder.spjReaper) return;
  const reap = () =>
    reapDeadGenerations()
      .then((n) => n > 0 && console.log(`reaper: finished ${n} interrupted answer(s)`))
      .catch((error) => console.error("reaper: failed", error));
  void reap();
  holder.spjReaper = setInterval(reap, REAP_EVERY_MS);
  holder.spjReaper.unref?.();
}
