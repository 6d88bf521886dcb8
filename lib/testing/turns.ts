import type { Actor } from "@/lib/auth/actor";
import { textParts } from "@/lib/chat/part-text";
import type { CounterKey } from "@/lib/db/quota-counters";
import { saveTurnStart, type TurnEnd, type TurnIds } from "@/lib/db/turns";

type Reservation = { keys: CounterKey[]; amount: number };

/** A new conversation's first turn as the pipeline writes it: the question, and its answer's row being generated. */
export function startTestTurn(
  actor: Actor,
  options: { question?: string; title?: string; reservation?: Reservation } = {},
): Promise<TurnIds> {
  const { question = "Hi", title = "t", reservation = { keys: [], amount: 0 } } = options;
  return saveTurnStart({
    create: { workspaceId: actor.workspaceId, ownerId: actor.userId, title, model: "m", systemPrompt: null },
    messages: [{ role: "user", parts: textParts(question) }],
    place: { parentId: null, discard: [], link: [] },
    answer: {
      model: "m",
      userId: actor.userId,
      workspaceId: actor.workspaceId,
      apiKeyId: null,
      prompt: [],
      reservation,
      owner: "test/1",
    },
  });
}

/** The turn's end: its answer complete, with a few reported tokens, unless told otherwise. */
export function testTurnEnd(actor: Actor, turn: TurnIds, end: Partial<TurnEnd> = {}): TurnEnd {
  return {
    messageId: turn.answerId,
    conversationId: turn.conversationId,
    parentId: turn.answerParentId,
    userId: actor.userId,
    workspaceId: actor.workspaceId,
    model: "m",
    provider: "p",
    parts: textParts("Hello"),
    status: "COMPLETE",
    error: null,
    cause: null,
    failedAttempts: [],
    promptTokens: 3,
    completionTokens: 5,
    tokenSource: "REPORTED",
    inputPricePer1k: null,
    outputPricePer1k: null,
    cost: null,
    latencyMs: 10,
    ttftMs: 5,
    apiKeyId: null,
    reservation: null,
    ...end,
  };
}
