import { z } from "zod";
import type { ChatOutcome, ChatRun } from "@/lib/chat/pipeline";
import type { StreamFormat } from "@/lib/chat/stream";
import { providerName } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { costOf } from "@/lib/usage/pricing";
import { type ChatApiBody, parseJsonObject, parseMessages } from "./chat-body";

/** The OpenAI-compatible surface (seed 003): request parsing and response shapes. */

const Options = z.object({
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
});

export interface CompletionRequest extends ChatApiBody {
  stream: boolean;
  includeUsage: boolean;
}

export function parseCompletionRequest(text: string): CompletionRequest {
  const body = parseJsonObject(text);
  const messages = parseMessages(body.messages);
  const parsed = Options.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("invalid_request", `${issue?.path.join(".") ?? "body"}: ${issue?.message ?? "invalid"}`);
  }
  const o = parsed.data;
  return {
    messages,
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
export function completionBody(run: ChatRun, outcome: ChatOutcome) {
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
    delta: (delta) => (delta.type === "text" ? chunk([choice({ content: delta.text }, null)]) : ""),
    end: (outcome) =>
      `${chunk([choice({}, "stop")])}${includeUsage ? chunk([], { usage: usageOf(outcome) }) : ""}data: [DONE]\n\n`,
    failAbnormally: true,
  };
}
