import type { Actor } from "@/lib/auth/actor";
import { type ConversationRecord, listMessages, type MessageRecord } from "@/lib/db/conversations";
import { type NewMessage, saveTurnStart, type TurnPlace, turnIds } from "@/lib/db/turns";
import { findMemberLimits } from "@/lib/db/workspaces";
import { AppError, notFound } from "@/lib/errors";
import { fileLookup, modelsForImages, withDocumentText, withImageData } from "@/lib/files/prompt";
import { fallbackChain, resolveModel, usableModel } from "@/lib/providers/registry";
import type { GenerationOptions } from "@/lib/providers/types";
import { planOf } from "@/lib/usage/plans";
import { releaseReservation, reserveTokens } from "@/lib/usage/quota";
import { checkRateLimits, type RateLimitState } from "@/lib/usage/rate-limit";
import { estimatePromptTokens } from "@/lib/usage/tokens";
import { buildTree, placeTurn, withLinkedParents } from "./branches";
import { writableConversation } from "./conversations";
import { explainFailure, openWithFallbacks } from "./generation";
import { promptMessages } from "./history";
import { checkNewMessages, checkSystemPrompt, fitToPlan, promptReservation, resolveMaxTokens } from "./limits";
import { plainTextOf } from "./parts";
import { endedGeneration } from "./runs/ended";
import { THIS_PROCESS } from "./runs/owner";
import { type FinishAnswer, type Generation, runGeneration } from "./runs/run";
import { assertTakingAnswers } from "./runs/shutdown";
import { titleFrom } from "./title";
import { type ChatOutcome, finishTurn } from "./turn-end";

export type { ChatOutcome } from "./turn-end";

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
  /** Tools, response format and sampling options passed through to the provider. */
  options?: GenerationOptions;
  /** The caller's disconnect; aborting it stops generation upstream too. */
  signal?: AbortSignal;
}

export interface ChatRun {
  conversationId: string;
  created: boolean;
  title: string;
  /** The model that answers (after fallbacks: not always the one asked for), and its provider. */
  model: string;
  provider: string;
  /** The new messages' ids, in order. */
  messageIds: string[];
  /** The message the answer follows. */
  parentId: string | null;
  /** The answer's message id: its log is followed with followAnswer (lib/chat/runs). */
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
  // Attached documents count as their text, like any prompt text (lib/files/prompt.ts).
  const files = fileLookup();
  const fresh = await withDocumentText(input.messages, files);
  checkNewMessages(plan, fresh);
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
  checkSystemPrompt(plan, systemPrompt, fresh);
  const messages = await withImageData(
    model,
    fitToPlan(plan, systemPrompt, await withDocumentText(history, files), fresh),
    files,
  );
  const prompt = promptMessages(messages);
  const title = existing?.title ?? titleFrom(plainTextOf(input.messages.find((m) => m.role === "user")?.parts ?? []));

  const rateLimit = await checkRateLimits({
    plan,
    subject: actor.apiKeyId ? `key:${actor.apiKeyId}` : `user:${actor.userId}`,
    workspaceId: actor.workspaceId,
    tokens: estimatePromptTokens(prompt) + maxTokens,
  });
  // With less left than the answer limit, the answer is limited to what is left.
  const reservation = await reserveTokens(actor.workspaceId, actor.userId, limits, {
    prompt: promptReservation(prompt),
    answer: maxTokens,
  });

  const controller = new AbortController();
  const abort = () => controller.abort();
  if (input.signal?.aborted) abort();
  else input.signal?.addEventListener("abort", abort, { once: true });
  const startedAt = performance.now();

  const opened = openWithFallbacks(modelsForImages(fallbackChain(model), messages), (candidate) => ({
    ...input.options,
    model: candidate.upstreamModel,
    messages,
    // The model's own output limit may be below the plan's, and the quota's room below both.
    maxTokens: Math.min(reservation.answerTokens, candidate.maxOutputTokens),
    temperature,
    signal: controller.signal,
  }));
  // The turn's rows are written while the provider request is under way, off the time-to-first-
  // byte path; the answer's log takes its first event only once they exist (runGeneration's
  // `rowsSaved`), so a client holding the response head can read the conversation. The request
  // goes out first: SQLite's statements run on this thread and would hold it back.
  // What finishing the answer needs if this process dies before it ends (lib/chat/runs/reaper.ts).
  const answer = {
    model: model.id,
    userId: actor.userId,
    workspaceId: actor.workspaceId,
    apiKeyId: actor.apiKeyId ?? null,
    prompt,
    reservation,
    owner: THIS_PROCESS,
  };
  const ids = turnIds({ conversationId: existing?.id, messages: input.messages.length, parentId: place.parentId });
  const saved = saveTurnStart(
    existing
      ? { conversationId: existing.id, messages: input.messages, place, answer, ids }
      : {
          create: {
            workspaceId: actor.workspaceId,
            ownerId: actor.userId,
            title,
            model: model.id,
            systemPrompt,
            temperature: input.temperature ?? null,
            maxTokens: input.maxTokens ?? null,
          },
          messages: input.messages,
          place,
          answer,
          ids,
        },
  ).then(ok, async (error: unknown) => {
    // Nothing is answered nor charged without the turn's rows.
    console.error("chat: the turn could not be saved", error);
    controller.abort();
    await releaseReservation(reservation).catch((e) => console.error("chat: a reservation was not released", e));
    return failed(error);
  });
  const generation = await opened;
  const { conversationId, messageIds, answerId, answerParentId } = ids;
  const answering = generation.model;
  const finish: FinishAnswer = (result) =>
    finishTurn({
      ...result,
      messageId: answerId,
      conversationId,
      parentId: answerParentId,
      actor,
      model: answering,
      messages,
      latencyMs: Math.round(performance.now() - startedAt),
      ttftMs: generation.ok ? generation.stream.ttftMs : null,
      reservation,
      failedAttempts: generation.failed,
    });

  const base = {
    conversationId,
    created: !existing,
    title,
    model: answering.id,
    provider: answering.provider,
    rateLimit,
    messageIds,
    parentId: answerParentId,
    answerId,
  };
  if (!generation.ok) {
    const start = await saved;
    if (!start.ok) throw start.error;
    const stopped = controller.signal.aborted;
    const error = stopped ? null : generation.error;
    const outcome = await finish({
      status: stopped ? "STOPPED" : "ERROR",
      parts: [],
      finishReason: null,
      usage: null,
      error: error?.message ?? null,
      cause: error ? generation.cause : null,
    });
    if (error) {
      // The ids let the client place what was saved: the question and its failed answer.
      const details: Record<string, string | number> = { ...error.details, conversationId };
      if (answerParentId) details.parentId = answerParentId;
      throw new AppError(error.code, error.message, details, error.headers);
    }
    const ended = endedGeneration(answerId, outcome);
    return { ...base, generation: ended, finished: ended.finished };
  }
  const running = runGeneration({
    id: answerId,
    events: generation.stream.events,
    controller,
    rowsSaved: saved.then((start) => start.ok),
    finish,
    explain: explainFailure,
  });
  return { ...base, generation: running, finished: running.finished };
}

const ok = <T>(value: T) => ({ ok: true as const, value });
const failed = (error: unknown) => ({ ok: false as const, error });

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
