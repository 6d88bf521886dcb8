import { z } from "zod";
import { promptTextOf } from "@/lib/chat/history";
import { type FilePart, type MessagePart, plainTextOf } from "@/lib/chat/parts";
import type { ChatOutcome, ChatRun } from "@/lib/chat/pipeline";
import type { StreamFormat } from "@/lib/chat/stream";
import type { NewMessage } from "@/lib/db/turns";
import { AppError } from "@/lib/errors";
import type { GenerationDelta, GenerationOptions, ResponseFormat, ToolChoice } from "@/lib/providers/types";
import { type ChatApiBody, parseJsonObject } from "./chat-body";

/**
 * The OpenAI-compatible surface (seed 003): the request's one zod schema (parser, type and
 * OpenAPI document), and the response shapes, streamed and not. Tools, tool choice, response
 * format and sampling options pass through to whichever provider serves the model; a provider
 * that cannot honour one refuses with a 400 naming it.
 */

const Name = z.string().max(64).optional();
const TextContent = z.object({ type: z.literal("text"), text: z.string() });
const ImageContent = z.object({
  type: z.literal("image_url"),
  image_url: z.object({ url: z.string().min(1), detail: z.enum(["auto", "low", "high"]).optional() }),
});
const Content = z.union([z.string(), z.array(z.discriminatedUnion("type", [TextContent, ImageContent]))]);
const TextOnlyContent = z.union([z.string(), z.array(TextContent)]);

export const CompletionToolCall = z.object({
  id: z.string().min(1).max(255),
  type: z.literal("function"),
  function: z.object({ name: z.string().min(1).max(255), arguments: z.string() }),
});

export const CompletionMessage = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content: TextOnlyContent, name: Name }),
  z.object({ role: z.literal("user"), content: Content, name: Name }),
  z.object({
    role: z.literal("assistant"),
    content: TextOnlyContent.nullish(),
    name: Name,
    tool_calls: z.array(CompletionToolCall).optional(),
  }),
  z.object({ role: z.literal("tool"), content: TextOnlyContent, tool_call_id: z.string().min(1).max(255) }),
]);

const FunctionName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1 to 64 letters, digits, _ or -");

export const CompletionTool = z.object({
  type: z.literal("function"),
  function: z.object({
    name: FunctionName,
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const Penalty = z.number().min(-2).max(2).nullish();

export const CompletionRequest = z.object({
  model: z.string().min(1).optional(),
  messages: z.array(CompletionMessage).min(1),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  seed: z.number().int().nullish(),
  presence_penalty: Penalty,
  frequency_penalty: Penalty,
  user: z.string().max(256).optional(),
  n: z.literal(1, "only n = 1 is supported").nullish(),
  tools: z.array(CompletionTool).max(128).optional(),
  tool_choice: z
    .union([
      z.enum(["none", "auto", "required"]),
      z.object({ type: z.literal("function"), function: z.object({ name: FunctionName }) }),
    ])
    .optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: z
    .discriminatedUnion("type", [
      z.object({ type: z.literal("text") }),
      z.object({ type: z.literal("json_object") }),
      z.object({
        type: z.literal("json_schema"),
        json_schema: z.object({
          name: FunctionName,
          description: z.string().optional(),
          schema: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullish(),
        }),
      }),
    ])
    .optional(),
});
export type CompletionRequest = z.infer<typeof CompletionRequest>;

export interface ParsedCompletionRequest extends ChatApiBody {
  stream: boolean;
  includeUsage: boolean;
  options: GenerationOptions;
}

const invalid = (message: string) => new AppError("invalid_request", message);

export function parseCompletionRequest(text: string): ParsedCompletionRequest {
  const body = parseJsonObject(text);
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw invalid("Messages array is required");
  const parsed = CompletionRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
  }
  const o = parsed.data;
  const messages = o.messages.map(toNewMessage);
  const last = messages.at(-1);
  if (!last || !promptTextOf(last.parts).trim()) throw invalid("Last message must have valid content");
  const choice = o.tool_choice;
  if (typeof choice === "object" && !o.tools?.some((t) => t.function.name === choice.function.name)) {
    throw invalid(`tool_choice: no tool named "${choice.function.name}" in tools`);
  }
  return {
    messages,
    model: o.model,
    temperature: o.temperature ?? undefined,
    maxTokens: o.max_completion_tokens ?? o.max_tokens ?? undefined,
    stream: o.stream ?? false,
    includeUsage: o.stream_options?.include_usage ?? false,
    options: optionsOf(o),
  };
}

function optionsOf(o: CompletionRequest): GenerationOptions {
  const options: GenerationOptions = {};
  if (o.tools?.length) {
    options.tools = o.tools.map(({ function: f }) => ({
      name: f.name,
      ...(f.description !== undefined ? { description: f.description } : {}),
      ...(f.parameters !== undefined ? { parameters: f.parameters } : {}),
      ...(typeof f.strict === "boolean" ? { strict: f.strict } : {}),
    }));
  }
  if (o.tool_choice !== undefined) {
    options.toolChoice = (
      typeof o.tool_choice === "object" ? { name: o.tool_choice.function.name } : o.tool_choice
    ) satisfies ToolChoice;
  }
  if (o.parallel_tool_calls !== undefined) options.parallelToolCalls = o.parallel_tool_calls;
  const format = o.response_format;
  if (format) {
    options.responseFormat = (
      format.type === "json_schema"
        ? {
            type: "json_schema",
            name: format.json_schema.name,
            schema: format.json_schema.schema ?? {},
            ...(typeof format.json_schema.strict === "boolean" ? { strict: format.json_schema.strict } : {}),
            ...(format.json_schema.description !== undefined ? { description: format.json_schema.description } : {}),
          }
        : format
    ) satisfies ResponseFormat;
  }
  if (o.top_p != null) options.topP = o.top_p;
  if (o.stop != null) options.stop = typeof o.stop === "string" ? [o.stop] : o.stop;
  if (o.seed != null) options.seed = o.seed;
  if (o.presence_penalty != null) options.presencePenalty = o.presence_penalty;
  if (o.frequency_penalty != null) options.frequencyPenalty = o.frequency_penalty;
  if (o.user !== undefined) options.user = o.user;
  return options;
}

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
};

/** An `image_url` part as a file part: its media type from a `data:` URL or the file's extension. */
function imagePart(url: string): FilePart {
  const data = /^data:([^;,]+)[;,]/.exec(url)?.[1];
  const extension = /\.([a-z]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? "";
  return { type: "file", mediaType: data ?? IMAGE_TYPES[extension] ?? "image/*", url };
}

function textPartsOf(content: string | { type: "text"; text: string }[] | null | undefined): MessagePart[] {
  if (!content) return [];
  if (typeof content === "string") return [{ type: "text", text: content }];
  return content.map((p) => ({ type: "text", text: p.text }));
}

/** A request message as the pipeline saves it: plain text, and parts when it has more than text. */
function toNewMessage(message: z.infer<typeof CompletionMessage>): NewMessage {
  let parts: MessagePart[];
  switch (message.role) {
    case "tool":
      parts = [
        { type: "tool-result", callId: message.tool_call_id, content: plainTextOf(textPartsOf(message.content)) },
      ];
      break;
    case "assistant":
      parts = [
        ...textPartsOf(message.content),
        ...(message.tool_calls ?? []).map((call) => ({
          type: "tool-call" as const,
          id: call.id,
          name: call.function.name,
          arguments: call.function.arguments,
        })),
      ];
      break;
    case "user":
      parts =
        typeof message.content === "string"
          ? textPartsOf(message.content)
          : message.content.map((p) =>
              p.type === "text" ? { type: "text", text: p.text } : imagePart(p.image_url.url),
            );
      break;
    default:
      parts = textPartsOf(message.content);
  }
  const name = "name" in message && message.name ? { name: message.name } : {};
  return { role: message.role, parts, ...name };
}

const usageOf = (outcome: ChatOutcome) => ({
  prompt_tokens: outcome.promptTokens,
  completion_tokens: outcome.completionTokens,
  total_tokens: outcome.promptTokens + outcome.completionTokens,
});

const completionId = (run: ChatRun) => `chatcmpl-${run.conversationId}`;
const now = () => Math.floor(Date.now() / 1000);

/** The answer's tool calls in OpenAI's shape. */
function toolCallsOf(parts: readonly MessagePart[]) {
  return parts.flatMap((p) =>
    p.type === "tool-call" ? [{ id: p.id, type: "function", function: { name: p.name, arguments: p.arguments } }] : [],
  );
}

/** A whole `chat.completion`, with seed 004's provider, latency (ms) and cost ($, null if unpriced). */
export function completionBody(run: ChatRun, outcome: ChatOutcome) {
  const toolCalls = toolCallsOf(outcome.parts);
  const message = toolCalls.length
    ? { role: "assistant", content: outcome.content || null, tool_calls: toolCalls }
    : { role: "assistant", content: outcome.content };
  return {
    id: completionId(run),
    object: "chat.completion",
    created: now(),
    model: outcome.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: outcome.finishReason ?? "stop" }],
    usage: usageOf(outcome),
    provider: outcome.provider,
    latency: outcome.latencyMs,
    cost: outcome.cost,
  };
}

/** A delta as OpenAI streams it; reasoning has no place in OpenAI's chunks and is not sent. */
function chunkDeltaOf(delta: GenerationDelta): object | null {
  if (delta.type === "text") return { content: delta.text };
  if (delta.type === "reasoning") return null;
  const first = delta.id !== undefined || delta.name !== undefined;
  return {
    tool_calls: [
      {
        index: delta.index,
        ...(delta.id !== undefined ? { id: delta.id } : {}),
        ...(first ? { type: "function" } : {}),
        function: { ...(delta.name !== undefined ? { name: delta.name } : {}), arguments: delta.arguments },
      },
    ],
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
    delta: (delta) => {
      const d = chunkDeltaOf(delta);
      return d ? chunk([choice(d, null)]) : "";
    },
    end: (outcome) =>
      `${chunk([choice({}, outcome.finishReason ?? "stop")])}${includeUsage ? chunk([], { usage: usageOf(outcome) }) : ""}data: [DONE]\n\n`,
    failAbnormally: true,
  };
}
