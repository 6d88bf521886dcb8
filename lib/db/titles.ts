import { SharedRows } from "./shared-rows";
import { changes, sql, transact } from "./statements";
import type { TurnEnd } from "./turns";
import { recordUsage } from "./usage";

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
export function saveTitleCall(call: TitleCall): Promise<{ applied: boolean }> {
  return transact(function* () {
    // The rollups and counters before the conversation, as every closing write takes them.
    const shared = new SharedRows();
    yield* recordUsage(
      {
        createdAt: new Date(),
        purpose: "TITLE",
        userId: call.userId,
        workspaceId: call.workspaceId,
        conversationId: call.conversationId,
        messageId: null,
        apiKeyId: null,
        model: call.model,
        provider: call.provider,
        promptTokens: call.promptTokens,
        completionTokens: call.completionTokens,
        source: call.tokenSource,
        outcome: call.cause ? "ERROR" : "OK",
        error: call.cause,
        latencyMs: call.latencyMs,
        ttftMs: null,
        inputPricePer1k: call.inputPricePer1k,
        outputPricePer1k: call.outputPricePer1k,
        cost: call.cost,
      },
      shared.rollups,
    );
    // What was reserved for the call becomes what it used, on every counter it reserved on.
    const used = call.promptTokens + call.completionTokens;
    for (const key of call.reservation.keys) shared.settle(key, call.reservation.amount, used);
    yield* shared.write();
    if (!call.title) return { applied: false };
    const changed =
      yield* changes(sql`UPDATE "Conversation" SET "title" = ${call.title}, "titleSource" = 'GENERATED', "updatedAt" = ${new Date()}
      WHERE "id" = ${call.conversationId} AND "titleSource" = 'FIRST_MESSAGE' AND "deletedAt" IS NULL`);
    return { applied: changed === 1 };
  });
}
