import { chatConfig } from "@/lib/config";
import { saveTitleCall } from "@/lib/db/titles";
import { findMemberLimits } from "@/lib/db/workspaces";
import { adapterFor, defaultModelId, listModels, modelInfo } from "@/lib/providers/registry";
import type { ModelInfo, NeutralMessage, ProviderUsage } from "@/lib/providers/types";
import { costOf } from "@/lib/usage/pricing";
import { type Reservation, reserveTokens } from "@/lib/usage/quota";
import { countUsage } from "@/lib/usage/tokens";
import { explainFailure } from "./generation";
import { promptMessages } from "./history";
import { promptReservation } from "./limits";
import { textParts } from "./parts";
import { cleanTitle, titleRequestText } from "./title";

/**
 * Generated titles: after a new chat's first answer, a cheap model writes a short title in the
 * conversation's language. It runs after the answer has ended and never holds it up; it is one
 * more ledger row (purpose TITLE); when the model fails, the title stays the first message's
 * cleaned line (set when the chat was created).
 */

/** A title that has not come within this long is given up (the call is still recorded). */
const TITLE_TIMEOUT_MS = 15_000;
const TITLE_MAX_TOKENS = 24;

export interface TitleInput {
  conversationId: string;
  userId: string;
  workspaceId: string;
  /** The first question's and answer's plain text. */
  question: string;
  answer: string;
}

/**
 * The model that writes titles: CHAT_TITLE_MODEL; unset, the cheapest priced model (the default
 * one when none is priced); null when titles are off ("none") or the named model is not configured.
 */
export function titleModel(): ModelInfo | null {
  const wanted = chatConfig().titleModel;
  if (wanted === "none") return null;
  if (wanted) return modelInfo(wanted);
  const priced = listModels().filter((m) => m.pricing);
  const price = (m: ModelInfo) => (m.pricing ? m.pricing.input + m.pricing.output : 0);
  return priced.sort((a, b) => price(a) - price(b))[0] ?? modelInfo(defaultModelId());
}

/**
 * Asks the title model for a title and saves the call. Resolves to the title when it replaced the
 * first message's (not after a rename by the user), null otherwise; never rejects.
 */
export async function generateTitle(input: TitleInput): Promise<string | null> {
  const model = titleModel();
  if (!model) return null;
  const messages: NeutralMessage[] = [
    { role: "user", parts: textParts(titleRequestText(input.question, input.answer)) },
  ];
  // Reserved like an answer, so a title never spends past the quota; with no room left the
  // first message's line stays (the user's last tokens are theirs to ask with).
  const reservation = await reserveTitle(input, promptReservation(promptMessages(messages)));
  if (!reservation) return null;
  const started = performance.now();
  const called = await callModel(model, messages);
  try {
    const counted = called.usage
      ? { ...called.usage, source: "REPORTED" as const }
      : await countUsage(model, promptMessages(messages), called.text, called.cause === null);
    // Nothing was answered: no prompt tokens a provider bills.
    const promptTokens = called.cause && !called.text ? 0 : counted.promptTokens;
    const title = called.cause ? null : cleanTitle(called.text) || null;
    const { applied } = await saveTitleCall({
      conversationId: input.conversationId,
      userId: input.userId,
      workspaceId: input.workspaceId,
      model: model.id,
      provider: model.provider,
      promptTokens,
      completionTokens: counted.completionTokens,
      tokenSource: counted.source,
      inputPricePer1k: model.pricing?.input ?? null,
      outputPricePer1k: model.pricing?.output ?? null,
      cost: costOf(model.pricing, promptTokens, counted.completionTokens),
      latencyMs: Math.round(performance.now() - started),
      cause: called.cause,
      title,
      reservation,
    });
    return applied ? title : null;
  } catch (error) {
    console.error("saving a generated title failed", error);
    return null;
  }
}

/** The title call's tokens reserved on the month's counters; null when they do not fit. */
async function reserveTitle(input: TitleInput, promptTokens: number): Promise<Reservation | null> {
  const limits = await findMemberLimits(input.workspaceId, input.userId);
  if (!limits) return null;
  const need = { prompt: promptTokens, answer: TITLE_MAX_TOKENS };
  return reserveTokens(input.workspaceId, input.userId, limits, need).catch(() => null);
}

/** The model's whole answer (text only), its reported usage, or why it failed. */
async function callModel(
  model: ModelInfo,
  messages: NeutralMessage[],
): Promise<{ text: string; usage: ProviderUsage | null; cause: string | null }> {
  let text = "";
  let usage: ProviderUsage | null = null;
  try {
    const stream = await adapterFor(model).stream({
      model: model.upstreamModel,
      messages,
      maxTokens: Math.min(TITLE_MAX_TOKENS, model.maxOutputTokens),
      temperature: 0.2,
      signal: AbortSignal.timeout(TITLE_TIMEOUT_MS),
    });
    for await (const event of stream.events) {
      if (event.type === "text") text += event.text;
      else if (event.type === "usage") usage = event.usage;
    }
    return { text, usage, cause: null };
  } catch (error) {
    return { text, usage, cause: explainFailure(error).cause };
  }
}

/**
 * The title of a chat the browser has just created, once its first answer has ended (a failed
 * answer leaves the first message's line). Starts whether or not the page still reads the answer.
 */
export function titleAfterFirstAnswer(
  chat: { conversationId: string; finished: Promise<{ status: string; content: string }> },
  owner: { userId: string; workspaceId: string },
  question: string,
): Promise<string | null> {
  return chat.finished.then(
    (outcome) =>
      outcome.status === "ERROR"
        ? null
        : generateTitle({ ...owner, conversationId: chat.conversationId, question, answer: outcome.content }),
    () => null,
  );
}
