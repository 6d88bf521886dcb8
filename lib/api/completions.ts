import { z } from "zod";
import type { ChatOutcome, ChatRun } from "@/lib/chat/pipeline";
import type { StreamFormat } from "@/lib/chat/stream";
import { providerName } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { costOf } from "@/lib/usage/pricing";
import {
  type ChatApiBody,
  ChatMessages,
  checkMessagesFirst,
  issueText,
  MAX_TOKENS_DESCRIPTION,
  MODEL_DESCRIPTION,
  parseJsonObject,
  TEMPERATURE_DESCRIPTION,
  toNewMessages,
} from "./chat-body";
import type { ChatCompletion } from "./responses";

/**
 * The OpenAI-compatible surface (seed 003): request parsing and response shapes. The request
 * schema is the parser and, through lib/api/openapi.ts, the document's `ChatCompletionRequest`.
 */

const MaxTokens = z.number().int().min(1).nullish();

export const ChatCompletionRequest = z
  .object({
    messages: ChatMessages,
    model: z.string().min(1).optional().meta({ description: MODEL_DESCRIPTION }),
    temperature: z.number().min(0).max(2).nullish().meta({ description: TEMPERATURE_DESCRIPTION }),
    max_tokens: MaxTokens.meta({ description: MAX_TOKENS_DESCRIPTION }),
    max_completion_tokens: MaxTokens.meta({ description: "Takes precedence over `max_tokens`." }),
    stream: z
      .boolean()
      .nullish()
      .meta({ description: "Stream `chat.completion.chunk` events instead of one JSON object.", default: false }),
    stream_options: z
      .object({
        include_usage: z
          .boolean()
          .optional()
          .meta({ description: "Send a last chunk with empty `choices` and the request's `usage`." }),
      })
      .nullish()
      .meta({ description: "Options of a streamed answer (`stream: true`)." }),
  })
  .meta({ description: "OpenAI's request; parameters not listed here are accepted and ignored." });

export interface CompletionRequest extends ChatApiBody {
  stream: boolean;
  includeUsage: boolean;
}

export function parseCompletionRequest(text: string): CompletionRequest {
  const body = parseJsonObject(text);
  checkMessagesFirst(body.messages);
  const parsed = ChatCompletionRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Message errors read as on /api/v1/chat; the options' as OpenAI words them (`temperature: …`).
    const text = issue?.path[0] === "messages" ? issueText(issue) : `${issue?.path.join(".")}: ${issue?.message}`;
    throw new AppError("invalid_request", text);
  }
  const o = parsed.data;
  return {
    messages: toNewMessages(o.messages),
    model: o.model,
    temperature: o.temperature ?? undefined,
    maxTokens: o.max_completion_tokens ?? o.max_tokens ?? undefined,
    stream: o.stream ?? false,
    includeUsage: o.stream_options?.include_usage ?? false,
  };
}

const usageOf = (outcome: ChatOutcome) => ({
  prompt_tokens: outcome.promptTokens,
  completion_tokens: outcome.completionTokens,
  total_tokens: outcome.promptTokens + outcome.completionTokens,
});

const completionId = (run: ChatRun) => `chatcmpl-${run.conversationId}`;
const now = () => Math.floor(Date.now() / 1000);

/** A whole `chat.completion`, with seed 004's provider, latency (ms) and cost ($, null if unpriced). */
export function completionBody(run: ChatRun, outcome: ChatOutcome): z.input<typeof ChatCompletion> {
  return {
    id: completionId(run),
    object: "chat.completion",
    created: now(),
    model: run.model,
    choices: [
      { index: 0, message: { role: "assistant", content: outcome.content }, logprobs: null, finish_reason: "stop" },
    ],
    usage: usageOf(outcome),
    provider: providerName(),
    latency: outcome.latencyMs,
    cost: costOf(run.model, outcome.promptTokens, outcome.completionTokens),
  };
}

/** `chat.completion.chunk` events, ending with `data: [DONE]`, as OpenAI streams them. */
export function completionChunks(run: ChatRun, includeUsage: boolean): StreamFormat {
  const created = now();
  const chunk = (choices: object[], extra: object = {}) =>
    `data: ${JSON.stringify({ id: completionId(run), object: "chat.completion.chunk", created, model: run.model, choices, ...extra })}\n\n`;
  const choice = (delta: object, finishReason: string | null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
  });
  return {
    start: chunk([choice({ role: "assistant", content: "" }, null)]),
    delta: (text) => chunk([choice({ content: text }, null)]),
    end: (outcome) =>
      `${chunk([choice({}, "stop")])}${includeUsage ? chunk([], { usage: usageOf(outcome) }) : ""}data: [DONE]\n\n`,
    failAbnormally: true,
  };
}
