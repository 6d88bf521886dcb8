import { randomUUID } from "node:crypto";
import type { MessagePart } from "@/lib/chat/parts";
import { db } from "./client";
import { GENERATING, type MessageRole, type MessageStatus, type TokenSource, type UsageOutcome } from "./enums";
import type { Prisma } from "./generated/sqlite/client";
import { linkFiles, partsColumns } from "./message-parts";
import { type CounterKey, settle } from "./quota-counters";
import { addToDailyRollup, utcDay } from "./usage";

/** Persistence of one chat turn: the messages that start it, then the answer and its usage. */

export interface NewConversation {
  workspaceId: string;
  ownerId: string;
  title: string;
  model: string;
  systemPrompt: string | null;
  temperature?: number | null;
  maxTokens?: number | null;
}

export interface NewMessage {
  /** "tool": a tool's result, sent back by a caller of the OpenAI-compatible API. */
  role: MessageRole | "tool";
  parts: MessagePart[];
  /** OpenAI's optional participant name, passed to the provider (not stored). */
  name?: string;
}

/** Where a turn goes in the conversation's tree (see lib/chat/branches.ts `placeTurn`). */
export interface TurnPlace {
  /** The parent of the first new message; the others follow one another. */
  parentId: string | null;
  /** Failed, empty answers this turn replaces: never history (the ledger keeps their usage rows). */
  discard: string[];
  /** Rows saved before branches existed, linked into their chain on this first write. */
  link: { id: string; parentId: string | null }[];
}

/** What finishing the answer needs if its run dies (the Generation row, see lib/chat/runs). */
export interface AnswerStart {
  model: string;
  userId: string;
  workspaceId: string;
  apiKeyId: string | null;
  /** The messages sent upstream (JSON-serializable), for the tokenizer. */
  prompt: unknown;
  reservation: { keys: CounterKey[]; amount: number };
}

/** The ids of a turn's rows, made before they are written: the answer starts beside the writes. */
export interface TurnIds {
  /** A new conversation's id is made here too. */
  conversationId: string;
  messageIds: string[];
  answerId: string;
  /** The message the answer follows. */
  answerParentId: string | null;
}

export function turnIds(input: { conversationId?: string; messages: number; parentId: string | null }): TurnIds {
  const messageIds = Array.from({ length: input.messages }, () => randomUUID());
  return {
    conversationId: input.conversationId ?? randomUUID(),
    messageIds,
    answerId: randomUUID(),
    answerParentId: messageIds.at(-1) ?? input.parentId,
  };
}

/**
 * Creates the conversation when needed and appends the new messages in one transaction, making
 * the branch that ends with them the one shown, with the answer's row (GENERATING, empty) and its
 * Generation row. Returns the new messages' ids, the answer's id and the parent it follows
 * (`ids`, when the caller made them first).
 */
export async function saveTurnStart(
  input: { messages: NewMessage[]; place: TurnPlace; answer: AnswerStart; ids?: TurnIds } & (
    | { conversationId: string }
    | { create: NewConversation }
  ),
): Promise<TurnIds> {
  const ids =
    input.ids ??
    turnIds({
      conversationId: "conversationId" in input ? input.conversationId : undefined,
      messages: input.messages.length,
      parentId: input.place.parentId,
    });
  const { messageIds, answerId, answerParentId } = ids;
  const { answer } = input;
  return db().$transaction(async (tx) => {
    const { conversationId } = ids;
    if ("create" in input) {
      await tx.conversation.create({
        data: { ...input.create, id: conversationId, activeLeafId: answerParentId },
        select: { id: true },
      });
    }
    const { discard, link } = input.place;
    if (discard.length > 0) await tx.message.deleteMany({ where: { conversationId, id: { in: discard } } });
    for (const row of link) await tx.message.update({ where: { id: row.id }, data: { parentId: row.parentId } });
    // Distinct, increasing timestamps keep the order of messages saved in the same millisecond.
    const base = Date.now();
    if (input.messages.length > 0) {
      await tx.message.createMany({
        data: input.messages.map((m, i) => ({
          id: messageIds[i],
          conversationId,
          parentId: i === 0 ? input.place.parentId : messageIds[i - 1],
          role: m.role,
          ...partsColumns(m.parts),
          createdAt: new Date(base + i),
        })),
      });
      await linkFiles(
        tx,
        input.messages.map((m, i) => ({ id: messageIds[i] as string, parts: m.parts })),
      );
    }
    // The answer's row exists from the start, so a dead run's checkpoint is found and finished.
    // The branch shown moves to it when it is finalized (saveTurnEnd).
    await tx.message.create({
      data: {
        id: answerId,
        conversationId,
        parentId: answerParentId,
        role: "assistant",
        content: "",
        status: GENERATING,
        model: answer.model,
        heartbeatAt: new Date(base),
        createdAt: new Date(base + input.messages.length),
      },
    });
    await tx.generation.create({
      data: {
        messageId: answerId,
        conversationId,
        userId: answer.userId,
        workspaceId: answer.workspaceId,
        apiKeyId: answer.apiKeyId,
        model: answer.model,
        prompt: JSON.stringify(answer.prompt),
        reservationKeys: JSON.stringify(answer.reservation.keys),
        reservedTokens: answer.reservation.amount,
      },
    });
    if ("conversationId" in input) {
      await tx.conversation.update({
        where: { id: conversationId },
        data: { updatedAt: new Date(base), activeLeafId: answerParentId },
      });
    }
    return ids;
  });
}

export interface TurnEnd {
  /** The answer's row (saveTurnStart's answerId), still GENERATING. */
  messageId: string;
  conversationId: string;
  /** The message this answer follows (saveTurnStart's answerParentId). */
  parentId: string | null;
  userId: string;
  workspaceId: string;
  model: string;
  /** The provider that answered, or failed last. */
  provider: string;
  /** The answer's parts; its plain `content` is derived from them. */
  parts: MessagePart[];
  status: MessageStatus;
  /** The user-facing reason of an ERROR. */
  error: string | null;
  /** Why the call failed, for admins (the ledger row's `error`). */
  cause: string | null;
  promptTokens: number;
  completionTokens: number;
  tokenSource: TokenSource;
  /** Prices per 1K tokens and the cost at write time; null = an unpriced model. */
  inputPricePer1k: number | null;
  outputPricePer1k: number | null;
  cost: number | null;
  latencyMs: number;
  ttftMs: number | null;
  apiKeyId: string | null;
  /** The quota reservation this turn settles to its actual usage. */
  reservation: { keys: CounterKey[]; amount: number } | null;
  /** Calls to earlier models of the fallback chain that failed before their first byte. */
  failedAttempts: FailedAttempt[];
}

/** A provider call that failed before its first byte: its own ledger row, with no tokens. */
export interface FailedAttempt {
  model: string;
  provider: string;
  latencyMs: number;
  cause: string;
  at: Date;
}

const OUTCOME: Record<MessageStatus, UsageOutcome> = {
  COMPLETE: "OK",
  STOPPED: "STOPPED",
  ERROR: "ERROR",
  INTERRUPTED: "INTERRUPTED",
};

/**
 * Finalizes the answer: its row, its ledger row, its day's rollup and the quota settlement
 * together: usage is never lost, doubled, or charged or shown differently from what the ledger
 * says. Exactly once: the conditional UPDATE from GENERATING claims the answer, so of a run that
 * ends and a reaper that took it for dead (or two reapers), one writes and the others see
 * `saved: false`.
 */
export async function saveTurnEnd(end: TurnEnd): Promise<{ saved: boolean }> {
  return db().$transaction((tx) => writeTurnEnd(tx, end));
}

type Tx = Prisma.TransactionClient;

/** saveTurnEnd's writes, inside the caller's transaction (lib/db/turn-end-batch.ts runs several in one). */
export async function writeTurnEnd(tx: Tx, end: TurnEnd): Promise<{ saved: boolean }> {
  const claimed = await tx.message.updateMany({
    where: { id: end.messageId, status: GENERATING },
    data: {
      ...partsColumns(end.parts),
      status: end.status,
      error: end.error,
      model: end.model,
      provider: end.provider,
      promptTokens: end.promptTokens,
      completionTokens: end.completionTokens,
      tokenSource: end.tokenSource,
      latencyMs: end.latencyMs,
      ttftMs: end.ttftMs,
      heartbeatAt: null,
    },
  });
  if (claimed.count === 0) return { saved: false };
  const apiKeyId = end.apiKeyId ?? "";
  for (const attempt of end.failedAttempts) {
    await tx.usageEvent.create({
      data: {
        createdAt: attempt.at,
        userId: end.userId,
        workspaceId: end.workspaceId,
        conversationId: end.conversationId,
        model: attempt.model,
        provider: attempt.provider,
        promptTokens: 0,
        completionTokens: 0,
        source: "REPORTED",
        outcome: "ERROR",
        error: attempt.cause,
        latencyMs: attempt.latencyMs,
        apiKeyId: end.apiKeyId,
      },
    });
    await addToDailyRollup(tx, {
      day: utcDay(attempt.at),
      workspaceId: end.workspaceId,
      userId: end.userId,
      model: attempt.model,
      apiKeyId,
      promptTokens: 0,
      completionTokens: 0,
      error: true,
      cost: null,
    });
  }
  await tx.generation.deleteMany({ where: { messageId: end.messageId } });
  const createdAt = new Date();
  await tx.usageEvent.create({
    data: {
      createdAt,
      userId: end.userId,
      workspaceId: end.workspaceId,
      conversationId: end.conversationId,
      messageId: end.messageId,
      model: end.model,
      provider: end.provider,
      promptTokens: end.promptTokens,
      completionTokens: end.completionTokens,
      source: end.tokenSource,
      outcome: OUTCOME[end.status],
      error: end.cause,
      latencyMs: end.latencyMs,
      ttftMs: end.ttftMs,
      apiKeyId: end.apiKeyId,
      inputPricePer1k: end.inputPricePer1k,
      outputPricePer1k: end.outputPricePer1k,
      cost: end.cost,
    },
  });
  await addToDailyRollup(tx, {
    day: utcDay(createdAt),
    workspaceId: end.workspaceId,
    userId: end.userId,
    model: end.model,
    apiKeyId,
    promptTokens: end.promptTokens,
    completionTokens: end.completionTokens,
    error: end.status === "ERROR",
    cost: end.cost,
  });
  for (const key of end.reservation?.keys ?? []) {
    await settle(tx, key, end.reservation?.amount ?? 0, end.promptTokens + end.completionTokens);
  }
  // The new answer is the branch shown, unless the user has since switched to another one.
  await tx.conversation.updateMany({
    where: { id: end.conversationId, activeLeafId: end.parentId },
    data: { activeLeafId: end.messageId },
  });
  await tx.conversation.update({ where: { id: end.conversationId }, data: { updatedAt: new Date() } });
  return { saved: true };
}
