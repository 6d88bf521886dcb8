import { db } from "./client";
import type { MessageRole, MessageStatus, TokenSource, UsageOutcome } from "./enums";
import { type CounterKey, settle } from "./quota-counters";

/** Persistence of one chat turn: the messages that start it, then the answer and its usage. */

export interface NewConversation {
  workspaceId: string;
  ownerId: string;
  title: string;
  model: string;
  systemPrompt: string | null;
}

export interface NewMessage {
  role: MessageRole;
  content: string;
}

/**
 * Creates the conversation when needed and appends the new messages in one transaction.
 * A retry drops the failed, empty answers that ended the conversation: they were never part of
 * the history, and the ledger keeps their usage rows.
 */
export async function saveTurnStart(
  input: { messages: NewMessage[] } & ({ conversationId: string } | { create: NewConversation }),
): Promise<{ conversationId: string }> {
  return db().$transaction(async (tx) => {
    const conversationId =
      "conversationId" in input
        ? input.conversationId
        : (await tx.conversation.create({ data: input.create, select: { id: true } })).id;
    if ("conversationId" in input) {
      await tx.message.deleteMany({ where: { conversationId, status: "ERROR", content: "" } });
    }
    // Distinct, increasing timestamps keep the order of messages saved in the same millisecond.
    const base = Date.now();
    if (input.messages.length > 0) {
      await tx.message.createMany({
        data: input.messages.map((m, i) => ({
          conversationId,
          role: m.role,
          content: m.content,
          createdAt: new Date(base + i),
        })),
      });
    }
    if ("conversationId" in input) {
      await tx.conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date(base) } });
    }
    return { conversationId };
  });
}

export interface TurnEnd {
  conversationId: string;
  userId: string;
  workspaceId: string;
  model: string;
  content: string;
  status: MessageStatus;
  error: string | null;
  promptTokens: number;
  completionTokens: number;
  tokenSource: TokenSource;
  latencyMs: number;
  ttftMs: number | null;
  apiKeyId: string | null;
  /** The quota reservation this turn settles to its actual usage. */
  reservation: { keys: CounterKey[]; amount: number } | null;
}

const OUTCOME: Record<MessageStatus, UsageOutcome> = { COMPLETE: "OK", STOPPED: "STOPPED", ERROR: "ERROR" };

/**
 * Saves the assistant message, its ledger row and the quota settlement together: usage is
 * never lost, doubled, or charged differently from what the ledger says.
 */
export async function saveTurnEnd(end: TurnEnd): Promise<{ messageId: string }> {
  return db().$transaction(async (tx) => {
    const message = await tx.message.create({
      data: {
        conversationId: end.conversationId,
        role: "assistant",
        content: end.content,
        status: end.status,
        error: end.error,
        model: end.model,
        promptTokens: end.promptTokens,
        completionTokens: end.completionTokens,
        tokenSource: end.tokenSource,
        latencyMs: end.latencyMs,
        ttftMs: end.ttftMs,
      },
      select: { id: true },
    });
    await tx.usageEvent.create({
      data: {
        userId: end.userId,
        workspaceId: end.workspaceId,
        conversationId: end.conversationId,
        messageId: message.id,
        model: end.model,
        promptTokens: end.promptTokens,
        completionTokens: end.completionTokens,
        source: end.tokenSource,
        outcome: OUTCOME[end.status],
        latencyMs: end.latencyMs,
        ttftMs: end.ttftMs,
        apiKeyId: end.apiKeyId,
      },
    });
    for (const key of end.reservation?.keys ?? []) {
      await settle(tx, key, end.reservation?.amount ?? 0, end.promptTokens + end.completionTokens);
    }
    await tx.conversation.update({ where: { id: end.conversationId }, data: { updatedAt: new Date() } });
    return { messageId: message.id };
  });
}
