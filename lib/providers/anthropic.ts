import type { MessagePart } from "@/lib/chat/parts";
import type { ProviderConfig } from "./config";
import { apiKeyOf, openEventStream, ProviderInterruptedError, parseJson, sseMessages, type UpstreamBody } from "./http";
import {
  type FinishReason,
  type NeutralMessage,
  type NeutralRequest,
  type ProviderAdapter,
  ProviderError,
  type ProviderEvent,
} from "./types";

/**
 * Anthropic's Messages API (`POST /v1/messages`), natively: the system prompt at the top level,
 * `tool_use`/`tool_result` blocks, thinking streamed as reasoning, usage from `message_start`
 * and `message_delta`.
 */
export const ANTHROPIC_VERSION = "2023-06-01";

/** When neither the caller nor the plan set one: Anthropic requires `max_tokens`. */
const DEFAULT_MAX_TOKENS = 4096;

export function anthropicAdapter(provider: ProviderConfig): ProviderAdapter {
  return {
    id: provider.id,
    async stream(request) {
      const key = apiKeyOf(provider);
      return openEventStream(
        provider,
        `${provider.baseUrl}/messages`,
        {
          headers: { "anthropic-version": ANTHROPIC_VERSION, ...(key ? { "x-api-key": key } : {}) },
          body: anthropicBody(request),
        },
        { signal: request.signal, parse: parseAnthropicEvents },
      );
    },
  };
}

type Json = Record<string, unknown>;

const unsupported = (parameter: string) =>
  new ProviderError("unsupported", `${parameter} is not supported by this model's provider (Anthropic)`, parameter);

/** The wire body of a neutral request; a parameter Anthropic cannot honour is refused, never dropped. */
export function anthropicBody(request: NeutralRequest): Json {
  if (request.seed !== undefined) throw unsupported("seed");
  if (request.presencePenalty !== undefined) throw unsupported("presence_penalty");
  if (request.frequencyPenalty !== undefined) throw unsupported("frequency_penalty");
  if (request.responseFormat && request.responseFormat.type !== "text") {
    throw unsupported(`response_format ${request.responseFormat.type}`);
  }
  if (request.temperature !== undefined && request.temperature > 1) throw unsupported("temperature above 1");

  const system = request.messages
    .filter((m) => m.role === "system")
    .map((m) => textOf(m.parts))
    .join("\n\n");
  const body: Json = {
    model: request.model,
    max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: alternating(request.messages.filter((m) => m.role !== "system").map(anthropicMessage)),
    stream: true,
  };
  if (system) body.system = system;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop?.length) body.stop_sequences = request.stop;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      input_schema: tool.parameters ?? { type: "object", properties: {} },
    }));
  }
  const choice = request.toolChoice;
  const toolChoice: Json | undefined =
    choice === undefined
      ? undefined
      : typeof choice === "object"
        ? { type: "tool", name: choice.name }
        : { type: choice === "required" ? "any" : choice };
  if (request.parallelToolCalls === false && choice !== "none") {
    body.tool_choice = { ...(toolChoice ?? { type: "auto" }), disable_parallel_tool_use: true };
  } else if (toolChoice) body.tool_choice = toolChoice;
  return body;
}

const textOf = (parts: readonly MessagePart[]) => parts.map((p) => (p.type === "text" ? p.text : "")).join("");

function anthropicMessage(message: NeutralMessage): { role: "user" | "assistant"; content: Json[] } {
  const role = message.role === "assistant" ? "assistant" : "user";
  const content = message.parts.flatMap((part): Json[] => {
    switch (part.type) {
      case "text":
        // Anthropic refuses empty text blocks.
        return part.text ? [{ type: "text", text: part.text }] : [];
      case "file":
        return [imageBlock(part)];
      case "tool-call":
        return [{ type: "tool_use", id: part.id, name: part.name, input: toolInput(part.arguments) }];
      case "tool-result":
        return [
          {
            type: "tool_result",
            tool_use_id: part.callId,
            content: part.content,
            ...(part.isError ? { is_error: true } : {}),
          },
        ];
      default:
        // Thinking blocks go back only with Anthropic's signature, which we do not keep.
        return [];
    }
  });
  return { role, content };
}

function imageBlock(part: Extract<MessagePart, { type: "file" }>): Json {
  if (!part.url || !part.mediaType.startsWith("image/")) {
    throw new ProviderError("unsupported", `This model cannot read ${part.mediaType} files`, "file part");
  }
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(part.url);
  if (data) return { type: "image", source: { type: "base64", media_type: data[1], data: data[2] } };
  return { type: "image", source: { type: "url", url: part.url } };
}

/** A tool call's arguments as the object Anthropic wants (the model wrote them as JSON text). */
function toolInput(args: string): unknown {
  try {
    const input = JSON.parse(args || "{}");
    if (typeof input === "object" && input !== null && !Array.isArray(input)) return input;
  } catch {
    // Falls through to the refusal below.
  }
  throw new ProviderError("unsupported", "A tool call's arguments must be a JSON object", "tool_use input");
}

/** Anthropic wants user and assistant turns to alternate: consecutive turns of one role merge. */
function alternating(messages: { role: "user" | "assistant"; content: Json[] }[]) {
  const merged: typeof messages = [];
  for (const message of messages) {
    const last = merged.at(-1);
    if (last && last.role === message.role) last.content.push(...message.content);
    else if (message.content.length > 0) merged.push({ role: message.role, content: [...message.content] });
  }
  return merged;
}

interface AnthropicEvent {
  type: string;
  index?: number;
  message?: { usage?: AnthropicUsage };
  content_block?: { type: string; id?: string; name?: string; text?: string; thinking?: string };
  delta?: { type?: string; text?: string; thinking?: string; partial_json?: string; stop_reason?: string | null };
  usage?: AnthropicUsage;
  error?: { type?: string; message?: string };
}

interface AnthropicUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

const FINISH: Record<string, FinishReason> = {
  end_turn: "stop",
  stop_sequence: "stop",
  pause_turn: "stop",
  max_tokens: "length",
  tool_use: "tool_calls",
  refusal: "content_filter",
};

/** The events of a Messages API stream; a stream without `message_stop` was cut. */
export async function* parseAnthropicEvents(
  body: UpstreamBody,
  signal: AbortSignal,
): AsyncGenerator<ProviderEvent, void, undefined> {
  let promptTokens = 0;
  let completionTokens = 0;
  let reported = false;
  let finished = false;
  // Content blocks are numbered across text, thinking and tool use; tool calls by their own count.
  const toolIndexOf = new Map<number, number>();
  for await (const { data } of sseMessages(body, signal)) {
    const event = parseJson<AnthropicEvent>(data);
    switch (event.type) {
      case "message_start": {
        const usage = event.message?.usage;
        reported = usage !== undefined;
        promptTokens =
          (usage?.input_tokens ?? 0) +
          (usage?.cache_creation_input_tokens ?? 0) +
          (usage?.cache_read_input_tokens ?? 0);
        completionTokens = usage?.output_tokens ?? 0;
        break;
      }
      case "content_block_start": {
        const block = event.content_block;
        if (block?.type === "tool_use") {
          const index = toolIndexOf.size;
          toolIndexOf.set(event.index ?? 0, index);
          yield { type: "tool-call", index, id: block.id, name: block.name, arguments: "" };
        } else if (block?.type === "text" && block.text) yield { type: "text", text: block.text };
        else if (block?.type === "thinking" && block.thinking) yield { type: "reasoning", text: block.thinking };
        break;
      }
      case "content_block_delta": {
        const delta = event.delta;
        if (delta?.type === "text_delta" && delta.text) yield { type: "text", text: delta.text };
        else if (delta?.type === "thinking_delta" && delta.thinking) yield { type: "reasoning", text: delta.thinking };
        else if (delta?.type === "input_json_delta" && delta.partial_json) {
          yield { type: "tool-call", index: toolIndexOf.get(event.index ?? 0) ?? 0, arguments: delta.partial_json };
        }
        break;
      }
      case "message_delta":
        if (event.usage?.output_tokens !== undefined) {
          completionTokens = event.usage.output_tokens;
          reported = true;
        }
        if (event.delta?.stop_reason) yield { type: "finish", reason: FINISH[event.delta.stop_reason] ?? "stop" };
        break;
      case "message_stop":
        finished = true;
        // A provider that reports nothing leaves the count to our tokenizer, never 0.
        if (reported) yield { type: "usage", usage: { promptTokens, completionTokens } };
        break;
      case "error":
        throw new ProviderInterruptedError(event.error?.message ?? "provider error");
      default:
        // ping, content_block_stop, and event types added later.
        break;
    }
    if (finished) break;
  }
  if (!finished) throw new ProviderInterruptedError("the stream ended early");
}
