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
 * OpenAI's `POST /chat/completions`, as OpenAI, Groq, OpenRouter, vLLM, Ollama and LM Studio
 * speak it. The server-held key is added here and nowhere else.
 */
export function openAiCompatibleAdapter(provider: ProviderConfig): ProviderAdapter {
  return {
    id: provider.id,
    async stream(request) {
      const key = apiKeyOf(provider);
      return openEventStream(
        provider,
        `${provider.baseUrl}/chat/completions`,
        { headers: key ? { authorization: `Bearer ${key}` } : {}, body: openAiBody(request) },
        { signal: request.signal, parse: parseOpenAiEvents },
      );
    },
  };
}

type Json = Record<string, unknown>;

/** The wire body of a neutral request. */
export function openAiBody(request: NeutralRequest): Json {
  const body: Json = {
    model: request.model,
    messages: request.messages.flatMap(openAiMessages),
    stream: true,
    stream_options: { include_usage: true },
  };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) body[key] = value;
  };
  set("max_tokens", request.maxTokens);
  set("temperature", request.temperature);
  set("top_p", request.topP);
  set("stop", request.stop);
  set("seed", request.seed);
  set("presence_penalty", request.presencePenalty);
  set("frequency_penalty", request.frequencyPenalty);
  set("user", request.user);
  set("parallel_tool_calls", request.parallelToolCalls);
  set(
    "tools",
    request.tools?.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        ...(tool.parameters !== undefined ? { parameters: tool.parameters } : {}),
        ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
      },
    })),
  );
  const choice = request.toolChoice;
  set("tool_choice", typeof choice === "object" ? { type: "function", function: { name: choice.name } } : choice);
  const format = request.responseFormat;
  if (format?.type === "json_schema") {
    const { type, ...json_schema } = format;
    body.response_format = { type, json_schema };
  } else set("response_format", format);
  return body;
}

const textOf = (parts: readonly MessagePart[]) => parts.map((p) => (p.type === "text" ? p.text : "")).join("");

function openAiMessages(message: NeutralMessage): Json[] {
  const name = message.name ? { name: message.name } : {};
  switch (message.role) {
    case "tool":
      return message.parts.flatMap((p) =>
        p.type === "tool-result" ? [{ role: "tool", tool_call_id: p.callId, content: p.content }] : [],
      );
    case "assistant": {
      // Reasoning is the model's own and is not sent back: OpenAI-compatible APIs take none.
      const calls = message.parts.flatMap((p) =>
        p.type === "tool-call"
          ? [{ id: p.id, type: "function", function: { name: p.name, arguments: p.arguments } }]
          : [],
      );
      const text = textOf(message.parts);
      return [
        {
          role: "assistant",
          content: text || (calls.length ? null : ""),
          ...name,
          ...(calls.length ? { tool_calls: calls } : {}),
        },
      ];
    }
    case "user": {
      const onlyText = message.parts.every((p) => p.type === "text");
      if (onlyText) return [{ role: "user", content: textOf(message.parts), ...name }];
      const content = message.parts.flatMap((p): Json[] => {
        if (p.type === "text") return [{ type: "text", text: p.text }];
        if (p.type === "file" && p.url && p.mediaType.startsWith("image/")) {
          return [{ type: "image_url", image_url: { url: p.url } }];
        }
        if (p.type === "file")
          throw new ProviderError("unsupported", `This model cannot read ${p.mediaType} files`, "file part");
        return [];
      });
      return [{ role: "user", content, ...name }];
    }
    default:
      return [{ role: "system", content: textOf(message.parts), ...name }];
  }
}

interface ChunkJson {
  choices?: {
    delta?: {
      content?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[];
    };
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string };
}

const FINISH: Record<string, FinishReason> = {
  stop: "stop",
  length: "length",
  tool_calls: "tool_calls",
  function_call: "tool_calls",
  content_filter: "content_filter",
};

/**
 * The events of an OpenAI SSE body; tells a clean end (`[DONE]` or a finish_reason) from a cut
 * stream.
 */
export async function* parseOpenAiEvents(
  body: UpstreamBody,
  signal: AbortSignal,
): AsyncGenerator<ProviderEvent, void, undefined> {
  let finished = false;
  for await (const { data } of sseMessages(body, signal)) {
    if (data === "[DONE]") {
      finished = true;
      break;
    }
    const chunk = parseJson<ChunkJson>(data);
    if (chunk.error) throw new ProviderInterruptedError(chunk.error.message ?? "provider error");
    const choice = chunk.choices?.[0];
    const delta = choice?.delta;
    const reasoning = delta?.reasoning_content ?? delta?.reasoning;
    if (reasoning) yield { type: "reasoning", text: reasoning };
    if (delta?.content) yield { type: "text", text: delta.content };
    for (const call of delta?.tool_calls ?? []) {
      yield {
        type: "tool-call",
        index: call.index ?? 0,
        ...(call.id ? { id: call.id } : {}),
        ...(call.function?.name ? { name: call.function.name } : {}),
        arguments: call.function?.arguments ?? "",
      };
    }
    if (choice?.finish_reason) {
      finished = true;
      yield { type: "finish", reason: FINISH[choice.finish_reason] ?? "stop" };
    }
    if (chunk.usage) {
      yield {
        type: "usage",
        usage: { promptTokens: chunk.usage.prompt_tokens ?? 0, completionTokens: chunk.usage.completion_tokens ?? 0 },
      };
    }
  }
  if (!finished) throw new ProviderInterruptedError("the stream ended early");
}
