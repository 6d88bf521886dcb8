import type { Actor } from "@/lib/auth/actor";
import { chatConfig } from "@/lib/config";
import { type ConversationRecord, listMessages, type MessageRecord } from "@/lib/db/conversations";
import type { MessageStatus, TokenSource } from "@/lib/db/enums";
import { type NewMessage, saveTurnEnd, saveTurnStart, type TurnPlace } from "@/lib/db/turns";
import { findMemberLimits } from "@/lib/db/workspaces";
import { AppError, notFound } from "@/lib/errors";
import type { ProviderEvent } from "@/lib/providers/types";
import { planOf } from "@/lib/usage/plans";
import { costOf, priceOf } from "@/lib/usage/pricing";
import { type Reservation, releaseReservation, reserveTokens } from "@/lib/usage/quota";
import { checkRateLimits, type RateLimitState } from "@/lib/usage/rate-limit";
import { countUsage, estimatePromptTokens } from "@/lib/usage/tokens";
import { buildTree, placeTurn, withLinkedParents } from "./branches";
import { writableConversation } from "./conversations";
import { endedGeneration } from "./runs/ended";
import { type FinishAnswer, type Generation, runGeneration } from "./runs/run";
import { assertTakingAnswers } from "./runs/shutdown";
import { checkNewMessages, fitToPlan, promptReservation, resolveMaxTokens } from "./limits";
import { plainTextOf, textParts } from "./parts";
import { titleFrom } from "./title";
import { openUpstreamStream, type UpstreamMessage, type UpstreamStream, type UpstreamUsage } from "./upstream";

/**
 * The chat pipeline: the one path from a request to an answer, shared by every door (the
 * browser's route handler, the public API). validate → authorize → save the new messages →
 * check plan limits, rate limits and quota → call upstream → stream while accumulating → save
 * the answer, its usage row and the quota settlement.
 */

export interface ChatInput {
  actor: Actor;
  /** Continue this conversation; without it a new one is created. */
  conversationId?: string;
  /** Appended before answering. Empty means "answer the history again" (Retry, Regenerate). */
  messages: NewMessage[];
  /**
   * Where the new messages go in the conversation's tree: undefined = after the branch shown;
   * an id = under that message (an edit, or a regeneration); null = as a new first message.
   */
  parentId?: string | null;
  /** Unset: the conversation's own settings, else the defaults. */
  model?: string;
  systemPrompt?: string;
  maxTokens?: number;
  temperature?: number;
  /** The caller's disconnect (the public API's contract): aborting it stops the answer. */
  signal?: AbortSignal;
}

export interface ChatOutcome {
  status: MessageStatus;
  messageId: string;
  content: string;
  promptTokens: number;
  completionTokens: number;
  tokenSource: TokenSource;
  error: string | null;
  latencyMs: number;
}

export interface ChatRun {
  conversationId: string;
  created: boolean;
  title: string;
  model: string;
  /** The new messages' ids, in order. */
  messageIds: string[];
  /** The message the answer follows. */
  parentId: string | null;
  /** The answer's message id: its log is followed with followAnswer (lib/chat/generation). */
  answerId: string;
  /** The running answer: stop it, or let it outlive its reader. */
  generation: Generation;
  /** Settles once the answer and its usage row are saved. */
  finished: Promise<ChatOutcome>;
  /** The request-rate limit's state, for X-RateLimit-* headers. */
  rateLimit: RateLimitState;
}

export async function startChat(input: ChatInput): Promise<ChatRun> {
  assertTakingAnswers();
  const { actor } = input;
  const requestedModel = input.model === undefined ? undefined : resolveModel(input.model);
  const limits = actor.limits ?? (await findMemberLimits(actor.workspaceId, actor.userId));
  if (!limits) throw new AppError("forbidden", "Insufficient permissions");
  const plan = planOf(limits.plan);
  checkNewMessages(plan, input.messages);
  const requestedMaxTokens = input.maxTokens === undefined ? undefined : resolveMaxTokens(plan, input.maxTokens);

  const existing = input.conversationId ? await writableConversation(actor, input.conversationId) : null;
  if (!existing && input.messages.length === 0) {
    throw new AppError("invalid_request", "Messages array is required");
  }
  const { history, place } = existing ? await placeIn(existing, input) : { history: [], place: NEW_ROOT };
  // The request's settings, else the conversation's. A stored limit above the plan's (the plan
  // changed since) is lowered to it rather than refused.
  const model = requestedModel ?? usableModel(existing?.model);
  const maxTokens = requestedMaxTokens ?? Math.min(existing?.maxTokens ?? plan.maxTokens, plan.maxTokens);
  const temperature = input.temperature ?? existing?.temperature ?? undefined;
  const systemPrompt = input.systemPrompt ?? existing?.systemPrompt ?? null;
  const upstreamMessages = fitToPlan(plan, systemPrompt, history, input.messages);
  const title = existing?.title ?? titleFrom(plainTextOf(input.messages.find((m) => m.role === "user")?.parts ?? []));

  const rateLimit = await checkRateLimits({
    plan,
    subject: actor.apiKeyId ? `key:${actor.apiKeyId}` : `user:${actor.userId}`,
    workspaceId: actor.workspaceId,
    tokens: estimatePromptTokens(upstreamMessages) + maxTokens,
  });
  const reservation = await reserveTokens(
    actor.workspaceId,
    actor.userId,
    limits,
    promptReservation(upstreamMessages) + maxTokens,
  );

  const controller = new AbortController();
  const abort = () => controller.abort();
  if (input.signal?.aborted) abort();
  else input.signal?.addEventListener("abort", abort, { once: true });
  const startedAt = performance.now();

  const opened = openUpstreamStream({
    model,
    messages: upstreamMessages,
    maxTokens,
    temperature,
    signal: controller.signal,
  });
  // Saving the new messages runs while the upstream request is under way: it is off the
  // time-to-first-byte path, and the answer is only saved after it. The request goes out first:
  // SQLite's statements run on this thread and would hold it back.
  const answer = {
    model,
    userId: actor.userId,
    workspaceId: actor.workspaceId,
    apiKeyId: actor.apiKeyId ?? null,
    prompt: upstreamMessages,
    reservation,
  };
  const saved = saveTurnStart(
    existing
      ? { conversationId: existing.id, messages: input.messages, place, answer }
      : {
          create: {
            workspaceId: actor.workspaceId,
            ownerId: actor.userId,
            title,
            model,
            systemPrompt,
            temperature: input.temperature ?? null,
            maxTokens: input.maxTokens ?? null,
          },
          messages: input.messages,
          place,
          answer,
        },
  );
  const [start, upstream] = await Promise.allSettled([saved, opened]);
  if (start.status === "rejected") {
    controller.abort();
    await releaseReservation(reservation);
    throw start.reason;
  }
  const { conversationId, messageIds, answerId, answerParentId } = start.value;
  const finish: FinishAnswer = (status, content, usage, error) =>
    finishTurn({
      messageId: answerId,
      conversationId,
      parentId: answerParentId,
      actor,
      model,
      status,
      content,
      usage,
      messages: upstreamMessages,
      error,
      latencyMs: Math.round(performance.now() - startedAt),
      ttftMs: upstream.status === "fulfilled" ? upstream.value.ttftMs : null,
      reservation,
    });

  const base = {
    conversationId,
    created: !existing,
    title,
    model,
    rateLimit,
    messageIds,
    parentId: answerParentId,
    answerId,
  };
  if (upstream.status === "rejected") {
    const stopped = controller.signal.aborted;
    const error = stopped ? null : toUpstreamError(upstream.reason);
    const outcome = await finish(stopped ? "STOPPED" : "ERROR", "", null, error?.message ?? null);
    if (error) {
      // The ids let the client place what was saved: the question and its failed answer.
      const details: Record<string, string | number> = { ...error.details, conversationId };
      if (answerParentId) details.parentId = answerParentId;
      throw new AppError(error.code, error.message, details);
    }
    const generation = endedGeneration(answerId, outcome);
    return { ...base, generation, finished: generation.finished };
  }
  const generation = runGeneration({
    id: answerId,
    events: providerEvents(upstream.value),
    controller,
    finish,
    toError: toUpstreamError,
  });
  return { ...base, generation, finished: generation.finished };
}

/** The upstream's events as the provider interface names them. */
async function* providerEvents(stream: UpstreamStream): AsyncGenerator<ProviderEvent, void, undefined> {
  for await (const event of stream.events) yield event.type === "delta" ? { type: "text", text: event.text } : event;
}

/** A new conversation's first turn. */
const NEW_ROOT: TurnPlace = { parentId: null, discard: [], link: [] };

/** Where the turn goes in an existing conversation, and the history the model is shown. */
async function placeIn(
  conversation: ConversationRecord,
  input: ChatInput,
): Promise<{ history: MessageRecord[]; place: TurnPlace }> {
  const { messages, linked } = withLinkedParents(await listMessages(conversation.id));
  const placed = placeTurn(buildTree(messages), {
    activeLeafId: conversation.activeLeafId,
    parentId: input.parentId,
    answerAgain: input.messages.length === 0,
  });
  if (!placed) throw notFound("Message not found");
  if (input.messages.length === 0 && placed.history.at(-1)?.role !== "user") {
    throw new AppError("invalid_request", "There is no question to answer");
  }
  const link = linked.map((m) => ({ id: m.id, parentId: m.parentId }));
  return { history: placed.history, place: { parentId: placed.parentId, discard: placed.discarded, link } };
}

async function finishTurn(turn: {
  messageId: string;
  conversationId: string;
  parentId: string | null;
  actor: Actor;
  model: string;
  status: MessageStatus;
  content: string;
  usage: UpstreamUsage | null;
  messages: UpstreamMessage[];
  error: string | null;
  latencyMs: number;
  ttftMs: number | null;
  reservation: Reservation;
}): Promise<ChatOutcome> {
  const { promptTokens, completionTokens, tokenSource } = await tokensOf(turn);
  const price = priceOf(turn.model);
  await saveTurnEnd({
    messageId: turn.messageId,
    conversationId: turn.conversationId,
    parentId: turn.parentId,
    userId: turn.actor.userId,
    workspaceId: turn.actor.workspaceId,
    model: turn.model,
    parts: textParts(turn.content),
    status: turn.status,
    error: turn.error,
    promptTokens,
    completionTokens,
    tokenSource,
    inputPricePer1k: price?.input ?? null,
    outputPricePer1k: price?.output ?? null,
    cost: costOf(turn.model, promptTokens, completionTokens),
    latencyMs: turn.latencyMs,
    ttftMs: turn.ttftMs,
    apiKeyId: turn.actor.apiKeyId ?? null,
    reservation: turn.reservation,
  });
  return {
    status: turn.status,
    messageId: turn.messageId,
    content: turn.content,
    promptTokens,
    completionTokens,
    tokenSource,
    error: turn.error,
    latencyMs: turn.latencyMs,
  };
}

/** A conversation's stored model while it is still configured; the default otherwise. */
export function usableModel(stored: string | undefined): string {
  const { models, defaultModel } = chatConfig();
  return stored && models.includes(stored) ? stored : defaultModel;
}

/**
 * The upstream's own count wins. Without it (stopped, cut, or a provider that sends none) we count
 * with the model's tokenizer, here at the end of the answer, off the time-to-first-byte path: a
 * non-empty answer is never recorded as 0 tokens. A call that failed before any answer used no
 * prompt tokens that a provider bills.
 */
async function tokensOf(turn: {
  model: string;
  status: MessageStatus;
  content: string;
  usage: UpstreamUsage | null;
  messages: UpstreamMessage[];
}): Promise<{ promptTokens: number; completionTokens: number; tokenSource: TokenSource }> {
  if (turn.usage) return { ...turn.usage, tokenSource: "REPORTED" };
  const counted = await countUsage(turn.model, turn.messages, turn.content, turn.status === "COMPLETE");
  const answered = turn.status !== "ERROR" || turn.content !== "";
  return {
    promptTokens: answered ? counted.promptTokens : 0,
    completionTokens: counted.completionTokens,
    tokenSource: counted.source,
  };
}

export function resolveModel(requested: string | undefined): string {
  const { models, defaultModel } = chatConfig();
  if (!requested) return defaultModel;
  if (!models.includes(requested)) {
    throw new AppError("invalid_request", `Unknown model "${requested}". Available models: ${models.join(", ")}`);
  }
  return requested;
}

function toUpstreamError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  console.error("upstream failure", error);
  return new AppError("upstream_failed", "Failed to generate response");
}
