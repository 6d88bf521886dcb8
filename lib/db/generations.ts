import type { MessagePart } from "@/lib/chat/parts";
import { db } from "./client";
import { GENERATING } from "./enums";
import { partsColumns, partsOfRow } from "./message-parts";
import type { CounterKey } from "./quota-counters";
import { changes, sql, writeEach } from "./statements";

/**
 * The rows of answers being generated (see lib/chat/runs): the answer's message row,
 * status GENERATING, carries the checkpointed text and the heartbeat; its Generation row what
 * finishing it needs when the run died.
 */

/** Writes the answer so far (when given) and proves the run alive. False once it was finalized. */
export async function checkpoint(
  messageId: string,
  parts: readonly MessagePart[] | undefined,
  at = new Date(),
): Promise<boolean> {
  const changed = await writeEach(function* () {
    if (parts === undefined) {
      return yield* changes(sql`UPDATE "Message" SET "heartbeatAt" = ${at}
        WHERE "id" = ${messageId} AND "status" = ${GENERATING}`);
    }
    const columns = partsColumns(parts);
    return yield* changes(sql`UPDATE "Message" SET "parts" = ${columns.parts}, "content" = ${columns.content},
        "heartbeatAt" = ${at} WHERE "id" = ${messageId} AND "status" = ${GENERATING}`);
  });
  return changed === 1;
}

/** The answer being generated in a conversation, if any (whichever instance runs it). */
export async function generatingIn(conversationId: string): Promise<{ id: string; parentId: string | null } | null> {
  return db().message.findFirst({
    where: { conversationId, status: GENERATING },
    orderBy: { createdAt: "desc" },
    select: { id: true, parentId: true },
  });
}

/** Asks the instance running it to stop (without Redis, it polls this). */
export async function requestStop(messageId: string): Promise<void> {
  await db().generation.updateMany({ where: { messageId }, data: { stopRequestedAt: new Date() } });
}

/** Of these running answers, the ones somebody asked to stop. */
export async function stopsRequested(messageIds: string[]): Promise<string[]> {
  if (messageIds.length === 0) return [];
  const rows = await db().generation.findMany({
    where: { messageId: { in: messageIds }, stopRequestedAt: { not: null } },
    select: { messageId: true },
  });
  return rows.map((r) => r.messageId);
}

export interface StaleGeneration {
  messageId: string;
  conversationId: string;
  parentId: string | null;
  parts: MessagePart[];
  userId: string;
  workspaceId: string;
  apiKeyId: string | null;
  model: string;
  prompt: unknown;
  reservation: { keys: CounterKey[]; amount: number };
  startedAt: Date;
  heartbeatAt: Date | null;
  /** The process running it ("host/pid"), when recorded. */
  owner: string | null;
}

/** Answers whose run has not proved alive since `before`: their instance died. */
export async function staleGenerations(before: Date): Promise<StaleGeneration[]> {
  // The Generation table holds only running answers: it is read whole, the messages by key.
  const generations = await db().generation.findMany();
  if (generations.length === 0) return [];
  const messages = await db().message.findMany({
    where: {
      id: { in: generations.map((g) => g.messageId) },
      status: GENERATING,
      OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: before } }],
    },
    select: { id: true, parentId: true, content: true, parts: true, heartbeatAt: true },
  });
  const byId = new Map(generations.map((g) => [g.messageId, g]));
  return messages.flatMap((m) => {
    const g = byId.get(m.id);
    if (!g) return [];
    return [
      {
        messageId: m.id,
        conversationId: g.conversationId,
        parentId: m.parentId,
        parts: partsOfRow(m),
        userId: g.userId,
        workspaceId: g.workspaceId,
        apiKeyId: g.apiKeyId,
        model: g.model,
        prompt: JSON.parse(g.prompt) as unknown,
        reservation: { keys: JSON.parse(g.reservationKeys) as CounterKey[], amount: g.reservedTokens },
        startedAt: g.startedAt,
        heartbeatAt: m.heartbeatAt,
        owner: g.owner,
      },
    ];
  });
}
