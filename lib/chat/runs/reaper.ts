import { type StaleGeneration, staleGenerations } from "@/lib/db/generations";
import { saveTurnEnd } from "@/lib/db/turns";
import { modelInfo } from "@/lib/providers/registry";
import { costOf } from "@/lib/usage/pricing";
import { countUsage, type PromptMessage } from "@/lib/usage/tokens";
import { promptMessages } from "../history";
import { plainTextOf } from "../parts";
import type { ChatOutcome } from "../turn-end";
import { appendEvent } from "./log";
import { ownerAlive } from "./owner";
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
    // Ours and alive (a blocked event loop, not a dead process): it finishes itself. Likewise
    // a live process on this host whose beats paused (waiting for SQLite's lock).
    if (runsHere(run.messageId) || ownerAlive(run.owner)) continue;
    if (await finishDeadRun(run)) finished++;
  }
  return finished;
}

async function finishDeadRun(run: StaleGeneration): Promise<boolean> {
  // The model as configured now; one removed since is counted by estimate and left unpriced.
  const model = modelInfo(run.model);
  const content = plainTextOf(run.parts);
  const answer = promptMessages([{ role: "assistant", parts: run.parts }])[0]?.content ?? "";
  const counted = await countUsage(model ?? run.model, run.prompt as PromptMessage[], answer, false);
  const cost = costOf(model?.pricing ?? null, counted.promptTokens, counted.completionTokens);
  const lastSign = run.heartbeatAt ?? run.startedAt;
  const outcome: ChatOutcome = {
    status: "INTERRUPTED",
    messageId: run.messageId,
    content,
    parts: run.parts,
    finishReason: null,
    model: run.model,
    provider: model?.provider ?? "",
    promptTokens: counted.promptTokens,
    completionTokens: counted.completionTokens,
    tokenSource: counted.source,
    cost,
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
    provider: outcome.provider,
    parts: run.parts,
    status: "INTERRUPTED",
    error: null,
    cause: "The instance generating the answer stopped before it ended.",
    promptTokens: outcome.promptTokens,
    completionTokens: outcome.completionTokens,
    tokenSource: outcome.tokenSource,
    inputPricePer1k: model?.pricing?.input ?? null,
    outputPricePer1k: model?.pricing?.output ?? null,
    cost,
    latencyMs: outcome.latencyMs,
    ttftMs: null,
    apiKeyId: run.apiKeyId,
    reservation: run.reservation,
    failedAttempts: [],
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
