import type { Actor } from "@/lib/auth/actor";
import { canWriteConversation } from "@/lib/auth/policy";
import { chatConfig } from "@/lib/config";
import { type ConversationRecord, findConversation, listMessages } from "@/lib/db/conversations";
import type { MessageStatus, TokenSource } from "@/lib/db/enums";
import { type NewMessage, saveTurnEnd, saveTurnStart } from "@/lib/db/turns";
import { findMemberLimits } from "@/lib/db/workspaces";
import { AppError, notFound } from "@/lib/errors";
import { planOf } from "@/lib/usage/plans";
import { type Reservation, releaseReservation, reserveTokens } from "@/lib/usage/quota";
import { checkRateLimits, type RateLimitState } from "@/lib/usage/rate-limit";
import { trackRun } from "./active-runs";
import { checkNewMessages, fitToPlan, promptReservation, resolveMaxTokens } from "./limits";
import { titleFrom } from "./title";
import { estimatePromptTokens, estimateTokens } from "./tokens";
import { openUpstreamStream, type UpstreamStream, type UpstreamUsage } from "./upstream";

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
  /** Appended before answering. Empty means "answer the history again" (Retry). */
  messages: NewMessage[];
  model?: string;
  systemPrompt?: string;
  maxTokens?: number;
  temperature?: number;
  /** The caller's disconnect; aborting it stops generation upstream too. */
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
  /** Text deltas. Ends normally on completion or stop; throws if the upstream broke mid-answer. */
  deltas: AsyncGenerator<string, void, undefined>;
  /** Stops generation; the stream then ends normally and the partial answer is saved as STOPPED. */
  stop(): void;
  /** For a caller that went away: stops, and reads the rest itself so the answer is still saved. */
  abort(): void;
  /** Settles once the answer and its usage row are saved. */
  finished: Promise<ChatOutcome>;
  /** The request-rate limit's state, for X-RateLimit-* headers. */
  rateLimit: RateLimitState;
}

export async function startChat(input: ChatInput): Promise<ChatRun> {
  const { actor } = input;
  const model = resolveModel(input.model);
  const limits = actor.limits ?? (await findMemberLimits(actor.workspaceId, actor.userId));
  if (!limits) throw new AppError("forbidden", "Insufficient permissions");
  const plan = planOf(limits.plan);
  checkNewMessages(plan, input.messages);
  const maxTokens = resolveMaxTokens(plan, input.maxTokens);

  const existing = input.conversationId ? await loadWritable(actor, input.conversationId) : null;
  if (!existing && input.messages.length === 0) {
    throw new AppError("invalid_request", "Messages array is required");
  }
  const history = existing ? await listMessages(existing.id) : [];
  const systemPrompt = input.systemPrompt ?? existing?.systemPrompt ?? null;
  const upstreamMessages = fitToPlan(plan, systemPrompt, history, input.messages);
  const title = existing?.title ?? titleFrom(input.messages.find((m) => m.role === "user")?.content ?? "");

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

  // Saving the new messages runs while the upstream request is under way: it is off the
  // time-to-first-byte path, and the answer is only saved after it.
  const saved = saveTurnStart(
    existing
      ? { conversationId: existing.id, messages: input.messages }
      : {
          create: { workspaceId: actor.workspaceId, ownerId: actor.userId, title, model, systemPrompt },
          messages: input.messages,
        },
  );
  const opened = openUpstreamStream({
    model,
    messages: upstreamMessages,
    maxTokens,
    temperature: input.temperature,
    signal: controller.signal,
  });
  const [start, upstream] = await Promise.allSettled([saved, opened]);
  if (start.status === "rejected") {
    controller.abort();
    await releaseReservation(reservation);
    throw start.reason;
  }
  const { conversationId } = start.value;
  const finish = (status: MessageStatus, content: string, usage: UpstreamUsage | null, error: string | null) =>
    finishTurn({
      conversationId,
      actor,
      model,
      status,
      content,
      usage,
      estimatedPrompt: status === "ERROR" && !content ? 0 : estimatePromptTokens(upstreamMessages),
      error,
      latencyMs: Math.round(performance.now() - startedAt),
      ttftMs: upstream.status === "fulfilled" ? upstream.value.ttftMs : null,
      reservation,
    });

  const base = { conversationId, created: !existing, title, model, rateLimit };
  if (upstream.status === "rejected") {
    const stopped = controller.signal.aborted;
    const error = stopped ? null : toUpstreamError(upstream.reason);
    const outcome = await finish(stopped ? "STOPPED" : "ERROR", "", null, error?.message ?? null);
    if (error) throw new AppError(error.code, error.message, { ...error.details, conversationId });
    return { ...base, deltas: nothing(), stop() {}, abort() {}, finished: Promise.resolve(outcome) };
  }

  let settle: (outcome: ChatOutcome) => void = () => {};
  const finished = new Promise<ChatOutcome>((resolve) => {
    settle = resolve;
  });
  const deltas = relay(upstream.value, controller.signal, finish, settle);
  trackRun(conversationId, { stop: abort }, finished);
  return {
    ...base,
    deltas,
    stop: abort,
    abort() {
      controller.abort();
      // Nobody may be reading any more (the client went away): drain so the answer is saved.
      void drain(deltas);
    },
    finished,
  };
}

type Finish = (
  status: MessageStatus,
  content: string,
  usage: UpstreamUsage | null,
  error: string | null,
) => Promise<ChatOutcome>;

async function* relay(
  stream: UpstreamStream,
  signal: AbortSignal,
  finish: Finish,
  settle: (outcome: ChatOutcome) => void,
): AsyncGenerator<string, void, undefined> {
  let content = "";
  let usage: UpstreamUsage | null = null;
  let completed = false;
  let failure: AppError | null = null;
  try {
    for await (const event of stream.events) {
      // After a stop, nothing more counts: the saved answer is what the caller was given.
      if (signal.aborted) break;
      if (event.type === "usage") usage = event.usage;
      else {
        content += event.text;
        yield event.text;
      }
    }
    completed = !signal.aborted;
  } catch (error) {
    if (!signal.aborted) failure = toUpstreamError(error);
  } finally {
    const status: MessageStatus = completed ? "COMPLETE" : failure ? "ERROR" : "STOPPED";
    settle(await finish(status, content, completed ? usage : null, failure?.message ?? null));
  }
  if (failure) throw failure;
}

async function* nothing(): AsyncGenerator<string, void, undefined> {}

async function finishTurn(turn: {
  conversationId: string;
  actor: Actor;
  model: string;
  status: MessageStatus;
  content: string;
  usage: UpstreamUsage | null;
  estimatedPrompt: number;
  error: string | null;
  latencyMs: number;
  ttftMs: number | null;
  reservation: Reservation;
}): Promise<ChatOutcome> {
  // The upstream's own count wins; without it (stopped, cut, or a provider that sends none) the
  // estimate stands, so a non-empty answer is never recorded as 0 tokens.
  const promptTokens = turn.usage?.promptTokens ?? turn.estimatedPrompt;
  const completionTokens = turn.usage?.completionTokens ?? estimateTokens(turn.content);
  const tokenSource: TokenSource = turn.usage ? "REPORTED" : "ESTIMATED";
  const { messageId } = await saveTurnEnd({
    conversationId: turn.conversationId,
    userId: turn.actor.userId,
    workspaceId: turn.actor.workspaceId,
    model: turn.model,
    content: turn.content,
    status: turn.status,
    error: turn.error,
    promptTokens,
    completionTokens,
    tokenSource,
    latencyMs: turn.latencyMs,
    ttftMs: turn.ttftMs,
    apiKeyId: turn.actor.apiKeyId ?? null,
    reservation: turn.reservation,
  });
  return {
    status: turn.status,
    messageId,
    content: turn.content,
    promptTokens,
    completionTokens,
    tokenSource,
    error: turn.error,
    latencyMs: turn.latencyMs,
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

async function loadWritable(actor: Actor, conversationId: string): Promise<ConversationRecord> {
  const conversation = await findConversation(conversationId);
  if (!conversation || !canWriteConversation(actor, conversation)) throw notFound("Conversation not found");
  return conversation;
}

function toUpstreamError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  console.error("upstream failure", error);
  return new AppError("upstream_failed", "Failed to generate response");
}

async function drain(deltas: AsyncGenerator<string, void, undefined>): Promise<void> {
  try {
    for await (const _ of deltas);
  } catch {
    // The failure is already recorded with the answer.
  }
}
