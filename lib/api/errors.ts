import { z } from "zod";
import { type AppError, type ErrorCode, httpStatusOf, toAppError } from "@/lib/errors";
import { UPSTREAM_FAILED_MESSAGE } from "@/lib/providers/http";
import { type ApiAnswer, jsonAnswer } from "./door";

/**
 * Error bodies of the public API. `/api/v1/chat` answers `{"error": "…"}` with the documents'
 * exact strings; the OpenAI-compatible endpoints answer OpenAI's shape so SDKs raise the right
 * exception. Internal faults never show their cause.
 */
function publicError(error: unknown): AppError {
  return toAppError(error, UPSTREAM_FAILED_MESSAGE);
}

/** Seed 002's error body. */
export const ChatError = z.strictObject({ error: z.string().meta({ description: "What went wrong, for people." }) });

export function chatApiError(error: unknown): ApiAnswer {
  const e = publicError(error);
  // A failed answer's question is saved: its conversation can be continued or retried.
  const saved = e.details.conversationId;
  const headers = saved ? { ...e.headers, "X-Conversation-Id": String(saved) } : e.headers;
  const body: z.input<typeof ChatError> = { error: e.message };
  return jsonAnswer(body, httpStatusOf(e), headers);
}

const OPENAI_TYPES = {
  invalid_request: "invalid_request_error",
  unauthenticated: "authentication_error",
  forbidden: "permission_error",
  not_found: "not_found_error",
  conflict: "invalid_request_error",
  payload_too_large: "invalid_request_error",
  unsupported_media_type: "invalid_request_error",
  request_timeout: "invalid_request_error",
  quota_exceeded: "insufficient_quota",
  rate_limited: "rate_limit_exceeded",
  upstream_failed: "server_error",
  upstream_overloaded: "server_error",
  upstream_misconfigured: "server_error",
  unavailable: "server_error",
  internal: "server_error",
} as const satisfies Record<ErrorCode, string>;

const unique = <T>(values: T[]) => [...new Set(values)];

/** OpenAI's error body, which the SDKs turn into their exceptions. */
export const OpenAIErrorResponse = z.strictObject({
  error: z.strictObject({
    message: z.string(),
    type: z.enum(unique(Object.values(OPENAI_TYPES))),
    param: z.null(),
    code: z.enum(Object.keys(OPENAI_TYPES) as ErrorCode[]),
  }),
});

export function openAiError(error: unknown): ApiAnswer {
  const e = publicError(error);
  const body: z.input<typeof OpenAIErrorResponse> = {
    error: { message: e.message, type: OPENAI_TYPES[e.code], param: null, code: e.code },
  };
  return jsonAnswer(body, httpStatusOf(e), e.headers);
}
