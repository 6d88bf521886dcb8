import { randomUUID } from "node:crypto";
import type { MessagePart } from "@/lib/chat/parts";
import { GENERATING, type MessageRole, type MessageStatus, type TokenSource, type UsageOutcome } from "./enums";
import { linkFiles, partsColumns } from "./message-parts";
import type { CounterKey } from "./quota-counters";
import { SharedRows } from "./shared-rows";
import { changes, sql, transact, type Work, write } from "./statements";
import { recordUsage } from "./usage";

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
  /** The process running the answer ("host/pid", lib/chat/runs/owner.ts). */
  owner: string;
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
 * (`ids`, when the caller made them first). On every request: statements on the driver.
 */
export function saveTurnStart(
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
  const { conversationId, messageIds, answerId, answerParentId } = ids;
  const { answer, place } = input;
  return transact(function* () {
    // Distinct, increasing timestamps keep the order of messages saved in the same millisecond.
    const base = Date.now();
    const now = new Date(base);
    if ("create" in input) {
      const c = input.create;
      yield* write(sql`INSERT INTO "Conversation" ("id", "workspaceId", "ownerId", "title", "titleSource", "model",
          "systemPrompt", "visibility", "temperature", "maxTokens", "activeLeafId", "createdAt", "updatedAt")
        VALUES (${conversationId}, ${c.workspaceId}, ${c.ownerId}, ${c.title}, 'FIRST_MESSAGE', ${c.model},
          ${c.systemPrompt}, 'PRIVATE', ${c.temperature ?? null}, ${c.maxTokens ?? null}, ${answerParentId}, ${now}, ${now})`);
    }
    for (const id of place.discard) {
      yield* write(sql`DELETE FROM "Message" WHERE "id" = ${id} AND "conversationId" = ${conversationId}`);
    }
    for (const row of place.link) {
      yield* write(sql`UPDATE "Message" SET "parentId" = ${row.parentId} WHERE "id" = ${row.id}`);
    }
    // The new messages and the answer's row, which exists from the start so that a dead run's
    // checkpoint is found and finished. The branch shown moves to it when it is finalized
    // (saveTurnEnd).
    const questions = input.messages.map(
      (m, i): MessageRow => ({
        id: messageIds[i] as string,
        conversationId,
        parentId: i === 0 ? place.parentId : (messageIds[i - 1] ?? null),
        role: m.role,
        ...partsColumns(m.parts),
        status: "COMPLETE",
        model: null,
        createdAt: new Date(base + i),
        heartbeatAt: null,
      }),
    );
    yield* insertMessages([
      ...questions,
      {
        id: answerId,
        conversationId,
        parentId: answerParentId,
        role: "assistant",
        parts: "[]",
        content: "",
        status: GENERATING,
        model: answer.model,
        createdAt: new Date(base + input.messages.length),
        heartbeatAt: now,
      },
    ]);
    yield* linkFiles(input.messages.map((m, i) => ({ id: messageIds[i] as string, parts: m.parts })));
    yield* write(sql`INSERT INTO "Generation" ("messageId", "conversationId", "userId", "workspaceId", "apiKeyId",
        "model", "prompt", "reservationKeys", "reservedTokens", "startedAt", "owner")
      VALUES (${answerId}, ${conversationId}, ${answer.userId}, ${answer.workspaceId}, ${answer.apiKeyId}, ${answer.model},
        ${JSON.stringify(answer.prompt)}, ${JSON.stringify(answer.reservation.keys)}, ${answer.reservation.amount},
        ${now}, ${answer.owner})`);
    if ("conversationId" in input) {
      yield* write(sql`UPDATE "Conversation" SET "updatedAt" = ${now}, "activeLeafId" = ${answerParentId}
        WHERE "id" = ${conversationId}`);
    }
    return ids;
  });
}

interface MessageRow {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: string;
  parts: string;
  content: string;
  status: string;
  model: string | null;
  createdAt: Date;
  heartbeatAt: Date | null;
}

const MESSAGE_COLUMNS = `"id", "conversationId", "parentId", "role", "parts", "content", "status", "model", "createdAt", "heartbeatAt"`;

/** The rows in one statement: one round trip on PostgreSQL, whatever their number. */
function* insertMessages(messages: MessageRow[]): Work<void> {
  yield* write({
    text: `INSERT INTO "Message" (${MESSAGE_COLUMNS}) VALUES ${messages.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
    values: messages.flatMap((m) => [
      m.id,
      m.conversationId,
      m.parentId,
      m.role,
      m.parts,
      m.content,
      m.status,
      m.model,
      m.createdAt,
      m.heartbeatAt,
    ]),
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
  const [result] = await transact(() => writeTurnEnds([end]));
  return result ?? { saved: false };
}

/**
 * The closing writes of answers in one unit of work (lib/db/turn-end-batch.ts writes several
 * runs' together): each answer's own rows, then the rows they share (lib/db/shared-rows.ts).
 */
export function* writeTurnEnds(ends: readonly TurnEnd[]): Work<{ saved: boolean }[]> {
  const shared = new SharedRows();
  const results: { saved: boolean }[] = [];
  for (const end of ends) results.push(yield* writeTurnEnd(end, shared));
  yield* shared.write();
  return results;
}

/** One answer's own rows; its rollups, settlement and conversation go into `shared`. */
function* writeTurnEnd(end: TurnEnd, shared: SharedRows): Work<{ saved: boolean }> {
  const { parts, content } = partsColumns(end.parts);
  const claimed = yield* changes(sql`UPDATE "Message" SET "parts" = ${parts}, "content" = ${content},
      "status" = ${end.status}, "error" = ${end.error}, "model" = ${end.model}, "provider" = ${end.provider},
      "promptTokens" = ${end.promptTokens}, "completionTokens" = ${end.completionTokens},
      "tokenSource" = ${end.tokenSource}, "latencyMs" = ${end.latencyMs}, "ttftMs" = ${end.ttftMs}, "heartbeatAt" = NULL
    WHERE "id" = ${end.messageId} AND "status" = ${GENERATING}`);
  if (claimed === 0) return { saved: false };
  const call = {
    purpose: "CHAT",
    userId: end.userId,
    workspaceId: end.workspaceId,
    conversationId: end.conversationId,
    apiKeyId: end.apiKeyId,
  } as const;
  for (const attempt of end.failedAttempts) {
    yield* recordUsage(
      {
        ...call,
        createdAt: attempt.at,
        messageId: null,
        model: attempt.model,
        provider: attempt.provider,
        promptTokens: 0,
        completionTokens: 0,
        source: "REPORTED",
        outcome: "ERROR",
        error: attempt.cause,
        latencyMs: attempt.latencyMs,
        ttftMs: null,
        inputPricePer1k: null,
        outputPricePer1k: null,
        cost: null,
      },
      shared.rollups,
    );
  }
  yield* write(sql`DELETE FROM "Generation" WHERE "messageId" = ${end.messageId}`);
  const now = new Date();
  yield* recordUsage(
    {
      ...call,
      createdAt: now,
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
      inputPricePer1k: end.inputPricePer1k,
      outputPricePer1k: end.outputPricePer1k,
      cost: end.cost,
    },
    shared.rollups,
  );
  for (const key of end.reservation?.keys ?? []) {
    shared.settle(key, end.reservation?.amount ?? 0, end.promptTokens + end.completionTokens);
  }
  // The new answer is the branch shown, unless the user has since switched to another one.
  shared.touchConversation(sql`UPDATE "Conversation" SET "updatedAt" = ${now},
      "activeLeafId" = CASE WHEN "activeLeafId" IS NOT DISTINCT FROM ${end.parentId} THEN ${end.messageId} ELSE "activeLeafId" END
    WHERE "id" = ${end.conversationId}`);
  return { saved: true };
}
