import type { Actor } from "@/lib/auth/actor";
import type { MessageStatus, TokenSource } from "@/lib/db/enums";
import { saveTurnEndSoon } from "@/lib/db/turn-end-batch";
import type { FailedAttempt } from "@/lib/db/turns";
import type { FinishReason, ModelInfo, NeutralMessage, ProviderUsage } from "@/lib/providers/types";
import { costOf } from "@/lib/usage/pricing";
import type { Reservation } from "@/lib/usage/quota";
import { countUsage } from "@/lib/usage/tokens";
import { promptMessages } from "./history";
import { type MessagePart, plainTextOf } from "./parts";

/** How an answer ended, as saved: what every door reports at the end. */
export interface ChatOutcome {
  status: MessageStatus;
  messageId: string;
  /** The answer's plain text (its text parts). */
  content: string;
  parts: MessagePart[];
  /** Null when the answer did not end on its own (stopped, cut, failed). */
  finishReason: FinishReason | null;
  /** The model and provider that answered (after fallbacks: not always the one asked for). */
  model: string;
  provider: string;
  promptTokens: number;
  completionTokens: number;
  tokenSource: TokenSource;
  /** Dollars at the answering model's price; null when it is unpriced. */
  cost: number | null;
  error: string | null;
  latencyMs: number;
}

export interface TurnResult {
  /** The answer's row (GENERATING since the turn started). */
  messageId: string;
  conversationId: string;
  parentId: string | null;
  actor: Actor;
  model: ModelInfo;
  status: MessageStatus;
  parts: MessagePart[];
  finishReason: FinishReason | null;
  usage: ProviderUsage | null;
  messages: NeutralMessage[];
  error: string | null;
  cause: string | null;
  latencyMs: number;
  ttftMs: number | null;
  reservation: Reservation;
  failedAttempts: FailedAttempt[];
}

/** Saves the answer with its usage (and the failed attempts before it), at the answering model's price. */
export async function finishTurn(turn: TurnResult): Promise<ChatOutcome> {
  const content = plainTextOf(turn.parts);
  const { promptTokens, completionTokens, tokenSource } = await tokensOf(turn, content);
  const price = turn.model.pricing;
  const cost = costOf(price, promptTokens, completionTokens);
  await saveTurnEndSoon({
    messageId: turn.messageId,
    conversationId: turn.conversationId,
    parentId: turn.parentId,
    userId: turn.actor.userId,
    workspaceId: turn.actor.workspaceId,
    model: turn.model.id,
    provider: turn.model.provider,
    parts: turn.parts,
    status: turn.status,
    error: turn.error,
    cause: turn.cause,
    promptTokens,
    completionTokens,
    tokenSource,
    inputPricePer1k: price?.input ?? null,
    outputPricePer1k: price?.output ?? null,
    cost,
    latencyMs: turn.latencyMs,
    ttftMs: turn.ttftMs,
    apiKeyId: turn.actor.apiKeyId ?? null,
    reservation: turn.reservation,
    failedAttempts: turn.failedAttempts,
  });
  return {
    status: turn.status,
    messageId: turn.messageId,
    content,
    parts: turn.parts,
    finishReason: turn.finishReason,
    model: turn.model.id,
    provider: turn.model.provider,
    promptTokens,
    completionTokens,
    tokenSource,
    cost,
    error: turn.error,
    latencyMs: turn.latencyMs,
  };
}

/**
 * The provider's own count wins. Without it (stopped, cut, or a provider that sends none) we
 * count with the model's tokenizer, here at the end of the answer, off the time-to-first-byte
 * path: a non-empty answer is never recorded as 0 tokens. A call that failed before any answer
 * used no prompt tokens that a provider bills.
 */
async function tokensOf(
  turn: TurnResult,
  content: string,
): Promise<{ promptTokens: number; completionTokens: number; tokenSource: TokenSource }> {
  if (turn.usage) return { ...turn.usage, tokenSource: "REPORTED" };
  const answer = promptMessages([{ role: "assistant", parts: turn.parts }])[0]?.content ?? "";
  const counted = await countUsage(turn.model, promptMessages(turn.messages), answer, turn.status === "COMPLETE");
  const answered = turn.status !== "ERROR" || content !== "" || turn.parts.length > 0;
  return {
    promptTokens: answered ? counted.promptTokens : 0,
    completionTokens: counted.completionTokens,
    tokenSource: counted.source,
  };
}
