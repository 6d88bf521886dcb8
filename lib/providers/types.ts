import type { MessagePart } from "@/lib/chat/parts";
import { AppError, type ErrorCode } from "@/lib/errors";

/**
 * The provider contract: a neutral request in, neutral events out. The pipeline knows only this;
 * each adapter (openai-compatible.ts, anthropic.ts) maps it to and from its wire format, and each
 * door maps the events to its own (browser NDJSON, plain text, OpenAI SSE).
 */

export type NeutralRole = "system" | "user" | "assistant" | "tool";

export interface NeutralMessage {
  role: NeutralRole;
  parts: MessagePart[];
  /** OpenAI's optional participant name. */
  name?: string;
}

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters?: Record<string, unknown>;
  strict?: boolean;
}

export type ToolChoice = "auto" | "none" | "required" | { name: string };

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; name: string; schema: Record<string, unknown>; strict?: boolean; description?: string };

export interface NeutralRequest {
  /** The upstream model name (the model entry's `upstreamModel`), not our public id. */
  model: string;
  messages: NeutralMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  /** The end user's id, for the provider's abuse monitoring. */
  user?: string;
  /** Stop, a closed tab, a deadline: aborts the upstream call. */
  signal: AbortSignal;
}

export interface ProviderUsage {
  promptTokens: number;
  completionTokens: number;
}

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

export type ProviderEvent =
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string }
  /** A fragment of tool call `index`: id and name come with its first fragment, arguments in pieces. */
  | { type: "tool-call"; index: number; id?: string; name?: string; arguments: string }
  | { type: "usage"; usage: ProviderUsage }
  | { type: "finish"; reason: FinishReason };

export interface ProviderStream {
  /** Every event, starting with the first one that `stream` already waited for. */
  events: AsyncGenerator<ProviderEvent, void, undefined>;
  /** Milliseconds from the call to the first event. */
  ttftMs: number;
}

export interface ProviderAdapter {
  /** The provider's id from the providers file. */
  readonly id: string;
  /**
   * Sends the request and resolves at the first event, so every failure before the first byte
   * is a `ProviderError` and a door can still answer with its status code. A failure after it
   * throws from `events` (the answer so far is partial; it is never retried).
   */
  stream(request: NeutralRequest): Promise<ProviderStream>;
}

/**
 * Why a provider call failed before its first byte:
 * - `overloaded`: 429 or 503 from the provider — try a fallback, else 503 + Retry-After;
 * - `unavailable`: another 5xx, a timeout, a network error — try a fallback, else 503;
 * - `misconfigured`: the provider refused our own key or configuration (401/403/404) — 502,
 *   the cause logged for admins, never shown to callers;
 * - `unsupported`: the request asks for something the provider cannot honour — 400 naming it.
 */
export type ProviderFailure = "overloaded" | "unavailable" | "misconfigured" | "unsupported";

const CODE_OF: Record<ProviderFailure, ErrorCode> = {
  overloaded: "upstream_overloaded",
  unavailable: "upstream_failed",
  misconfigured: "upstream_misconfigured",
  unsupported: "invalid_request",
};

export class ProviderError extends AppError {
  constructor(
    readonly failure: ProviderFailure,
    message: string,
    /** For logs and the admin's providers page only (upstream status, provider message). */
    readonly detail: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(CODE_OF[failure], message, {}, retryAfterSeconds ? { "Retry-After": String(retryAfterSeconds) } : {});
  }

  /** True when the next model of a fallback chain should be tried. */
  get retryable(): boolean {
    return this.failure === "overloaded" || this.failure === "unavailable";
  }
}

export type Capability = "vision" | "tools" | "json" | "reasoning";

/** A model as the providers file describes it (validated in config.ts). */
export interface ModelInfo {
  /** The public id callers use. */
  id: string;
  /** Its name in the model switcher (the id unless the providers file gives one). */
  label: string;
  /** The provider id. */
  provider: string;
  /** The name the provider knows it by. */
  upstreamModel: string;
  /** Dollars per 1K tokens; null = unpriced. */
  pricing: { input: number; output: number } | null;
  contextWindow: number;
  maxOutputTokens: number;
  capabilities: Capability[];
  /** Which tokenizer counts its tokens when the provider reports none (lib/usage/tokens.ts). */
  tokenizer: "llama3" | "o200k" | "cl100k" | "claude" | "estimate";
  /** Public ids tried in order when this one fails before its first byte. */
  fallbacks: string[];
}

/** What a door may pass through to the provider besides the model and messages. */
export type GenerationOptions = Pick<
  NeutralRequest,
  | "tools"
  | "toolChoice"
  | "parallelToolCalls"
  | "responseFormat"
  | "topP"
  | "stop"
  | "seed"
  | "presencePenalty"
  | "frequencyPenalty"
  | "user"
>;

/** What a running answer streams to its readers: the content events (usage and finish come with the outcome). */
export type GenerationDelta = Extract<ProviderEvent, { type: "text" | "reasoning" | "tool-call" }>;
