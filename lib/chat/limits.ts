import type { NewMessage } from "@/lib/db/turns";
import { AppError } from "@/lib/errors";
import type { NeutralMessage } from "@/lib/providers/types";
import type { Plan } from "@/lib/usage/plans";
import { TEMPLATE_TOKENS_PER_MESSAGE, TEMPLATE_TOKENS_PER_PROMPT } from "@/lib/usage/tokens";
import { type PartsMessage, promptTextOf, toNeutral } from "./history";

/**
 * Plan limits on what a request may send. New messages are checked strictly (a 400 naming the
 * limit); a conversation's stored history is trimmed, oldest first, to fit — a long browser
 * chat keeps working, as in every chat product.
 */
const tooLarge = (message: string) => new AppError("invalid_request", message);

export function checkNewMessages(plan: Plan, messages: readonly NewMessage[]): void {
  if (messages.length > plan.maxMessages) {
    throw tooLarge(`Too many messages: the ${plan.name} plan allows at most ${plan.maxMessages} per request`);
  }
  let total = 0;
  for (const [index, message] of messages.entries()) {
    const chars = promptTextOf(message.parts).length;
    if (chars > plan.maxMessageChars) {
      throw tooLarge(
        `messages[${index}].content is too long: the ${plan.name} plan allows at most ${plan.maxMessageChars} characters per message`,
      );
    }
    total += chars;
  }
  if (total > plan.maxPromptChars) {
    throw tooLarge(`Prompt too long: the ${plan.name} plan allows at most ${plan.maxPromptChars} characters`);
  }
}

/**
 * The system prompt (the request's, or the conversation's own) is prompt text like any other: it
 * must fit the per-message limit, and counts toward the whole prompt's with the new messages.
 */
export function checkSystemPrompt(plan: Plan, systemPrompt: string | null, messages: readonly NewMessage[]): void {
  if (!systemPrompt) return;
  if (systemPrompt.length > plan.maxMessageChars) {
    throw tooLarge(
      `The system prompt is too long: the ${plan.name} plan allows at most ${plan.maxMessageChars} characters per message`,
    );
  }
  const total = messages.reduce((n, m) => n + promptTextOf(m.parts).length, systemPrompt.length);
  if (total > plan.maxPromptChars) {
    throw tooLarge(`Prompt too long: the ${plan.name} plan allows at most ${plan.maxPromptChars} characters`);
  }
}

export function resolveMaxTokens(plan: Plan, requested: number | undefined): number {
  if (requested === undefined) return plan.maxTokens;
  if (requested > plan.maxTokens) {
    throw tooLarge(`max_tokens must be at most ${plan.maxTokens} on the ${plan.name} plan`);
  }
  return requested;
}

/**
 * The messages sent upstream: the system prompt, as much recent history as fits the plan, and
 * the new messages. Failed (empty ERROR) answers are not history; stopped partial answers are.
 */
export function fitToPlan(
  plan: Plan,
  systemPrompt: string | null,
  history: readonly (PartsMessage & { status?: string })[],
  fresh: readonly NewMessage[],
): NeutralMessage[] {
  const charsOf = (m: NeutralMessage) => promptTextOf(m.parts).length;
  const freshMessages = fresh.map(toNeutral);
  let chars = (systemPrompt?.length ?? 0) + freshMessages.reduce((n, m) => n + charsOf(m), 0);
  let count = fresh.length;
  const kept: NeutralMessage[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i];
    if (!m || m.status === "ERROR") continue;
    const message = toNeutral(m);
    if (message.parts.length === 0) continue;
    if (chars + charsOf(message) > plan.maxPromptChars || count + 1 > plan.maxMessages) break;
    chars += charsOf(message);
    count += 1;
    kept.push(message);
  }
  kept.reverse();
  const system: NeutralMessage[] = systemPrompt
    ? [{ role: "system", parts: [{ type: "text", text: systemPrompt }] }]
    : [];
  return [...system, ...kept, ...freshMessages];
}

/**
 * Tokens to reserve for a prompt, before anything is counted: deliberately above the ~4
 * characters a token estimate (2 a token), plus the chat template's overhead, so the count the
 * provider reports is covered.
 */
export function promptReservation(messages: readonly { content: string; imageTokens?: number }[]): number {
  let total = TEMPLATE_TOKENS_PER_PROMPT;
  for (const m of messages) {
    total += Math.ceil(m.content.length / 2) + TEMPLATE_TOKENS_PER_MESSAGE + (m.imageTokens ?? 0);
  }
  return total;
}
