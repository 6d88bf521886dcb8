import { db } from "./client";
import { settle } from "./quota-counters";
import type { TurnEnd } from "./turns";
import { addToDailyRollup, utcDay } from "./usage";

/**
 * A title model's call (lib/chat/title-generation.ts): its ledger row as an answer's (`cause`: why
 * it failed, null when it answered), and the cleaned title, null when there is none.
 */
export type TitleCall = Pick<
  TurnEnd,
  | "conversationId"
  | "userId"
  | "workspaceId"
  | "model"
  | "provider"
  | "promptTokens"
  | "completionTokens"
  | "tokenSource"
  | "inputPricePer1k"
  | "outputPricePer1k"
  | "cost"
  | "latencyMs"
  | "cause"
> & { title: string | null; reservation: NonNullable<TurnEnd["reservation"]> };

/**
 * Saves a title call in one transaction: its ledger row (purpose TITLE) with its rollups and its
 * tokens on the month's quota counters (a title is real spend), and the title, which replaces
 * only a title taken from the first message: a rename by the user, even one made while the title
 * was being generated, wins. Returns whether the title was applied.
 */
export async function saveTitleCall(call: TitleCall): Promise<{ applied: boolean }> {
  return db().$transaction(async (tx) => {
    const createdAt = new Date();
    await tx.usageEvent.create({
      data: {
        createdAt,
        purpose: "TITLE",
        userId: call.userId,
        workspaceId: call.workspaceId,
        conversationId: call.conversationId,
        model: call.model,
        provider: call.provider,
        promptTokens: call.promptTokens,
        completionTokens: call.completionTokens,
        source: call.tokenSource,
        outcome: call.cause ? "ERROR" : "OK",
        error: call.cause,
        latencyMs: call.latencyMs,
        inputPricePer1k: call.inputPricePer1k,
        outputPricePer1k: call.outputPricePer1k,
        cost: call.cost,
      },
    });
    await addToDailyRollup(tx, {
      day: utcDay(createdAt),
      workspaceId: call.workspaceId,
      userId: call.userId,
      model: call.model,
      apiKeyId: "",
      promptTokens: call.promptTokens,
      completionTokens: call.completionTokens,
      error: call.cause !== null,
      cost: call.cost,
    });
    // What was reserved for the call becomes what it used, on every counter it reserved on.
    const used = call.promptTokens + call.completionTokens;
    for (const key of call.reservation.keys) await settle(tx, key, call.reservation.amount, used);
    if (!call.title) return { applied: false };
    const changed = await tx.conversation.updateMany({
      where: { id: call.conversationId, titleSource: "FIRST_MESSAGE", deletedAt: null },
      data: { title: call.title, titleSource: "GENERATED" },
    });
    return { applied: changed.count === 1 };
  });
}
