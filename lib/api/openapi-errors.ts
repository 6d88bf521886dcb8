import { MESSAGE_ROLES } from "@/lib/db/enums";
import { UPSTREAM_FAILED_MESSAGE } from "@/lib/providers/http";
import { headerRef, type ResponseObject, ref } from "./openapi-types";

/**
 * The documented errors of the public API, as examples for the OpenAPI document and rows for the
 * docs page. lib/api/openapi.db.test.ts produces each one from the real route handlers.
 */

/** Every error body `POST /api/v1/chat` is documented to answer, with the exact strings. */
export interface ErrorCase {
  status: 400 | 401 | 403 | 404 | 429 | 500;
  message: string;
  /** When it happens, for people. */
  when: string;
}

/**
 * The documented errors of `/api/v1/chat`. The first strings of each status are seed 002's; the
 * others are what the server says for the rules seeds 001/004 add. Messages for field errors
 * (`messages[0].role must be …`) name the field; two of them stand for the rest here.
 */
export const CHAT_ERRORS = [
  { status: 400, message: "Invalid request body", when: "The body is not a JSON object." },
  { status: 400, message: "Messages array is required", when: "`messages` is missing, not an array, or empty." },
  {
    status: 400,
    message: "Last message must have valid content",
    when: "The last message has no `content`, or only whitespace.",
  },
  {
    status: 400,
    message: `messages[0].role must be one of: ${MESSAGE_ROLES.join(", ")}`,
    when: "A field is invalid; the message names the field (here: an unknown role).",
  },
  {
    status: 400,
    message: "temperature must be a number between 0 and 2",
    when: "An option has the wrong type or range.",
  },
  {
    status: 400,
    message: "max_tokens must be at most 500 on the Trial plan",
    when: "A plan limit is exceeded (max_tokens, messages per request, characters); the message names the limit.",
  },
  {
    status: 400,
    message: 'Unknown model "gpt-4". Available models: llama-3.3-70b-versatile',
    when: "`model` is not one this server offers (see GET /api/v1/models).",
  },
  {
    status: 401,
    message: "Invalid API key",
    when: "The Authorization header is missing or malformed, or the key is unknown, revoked or expired.",
  },
  {
    status: 403,
    message: "Token limit exceeded",
    when: "The workspace's (or your own) monthly token quota is used up.",
  },
  {
    status: 403,
    message: "Insufficient permissions",
    when: "The key's creator is no longer a member of the key's workspace.",
  },
  {
    status: 404,
    message: "Conversation not found",
    when: "`conversation_id` names no conversation this key may continue.",
  },
  {
    status: 429,
    message: "Rate limit exceeded",
    when: "Too many requests or tokens this minute; retry after `Retry-After` seconds.",
  },
  {
    status: 500,
    message: UPSTREAM_FAILED_MESSAGE,
    when: "The model provider failed or timed out before the first token.",
  },
] as const satisfies readonly ErrorCase[];

/** The OpenAI-shaped errors of `/api/v1/chat/completions` and `/api/v1/models`. */
export interface OpenAiErrorCase extends ErrorCase {
  type: string;
  code: string;
}

export const OPENAI_ERRORS = [
  {
    status: 400,
    message: "Messages array is required",
    type: "invalid_request_error",
    code: "invalid_request",
    when: "The request is invalid.",
  },
  {
    status: 400,
    message: "temperature: Too big: expected number to be <=2",
    type: "invalid_request_error",
    code: "invalid_request",
    when: "An option is invalid; the message starts with its name.",
  },
  {
    status: 401,
    message: "Invalid API key",
    type: "authentication_error",
    code: "unauthenticated",
    when: "Missing, unknown, revoked or expired key.",
  },
  {
    status: 403,
    message: "Insufficient permissions",
    type: "permission_error",
    code: "forbidden",
    when: "The key's creator left the workspace.",
  },
  {
    status: 403,
    message: "Token limit exceeded",
    type: "insufficient_quota",
    code: "quota_exceeded",
    when: "The monthly token quota is used up.",
  },
  {
    status: 429,
    message: "Rate limit exceeded",
    type: "rate_limit_exceeded",
    code: "rate_limited",
    when: "Too many requests or tokens this minute.",
  },
  {
    status: 500,
    message: UPSTREAM_FAILED_MESSAGE,
    type: "server_error",
    code: "upstream_failed",
    when: "The model provider failed.",
  },
  {
    status: 500,
    message: UPSTREAM_FAILED_MESSAGE,
    type: "server_error",
    code: "internal",
    when: "An internal fault (the database is unreachable, say); details are only logged.",
  },
] as const satisfies readonly OpenAiErrorCase[];

/** `GET /api/v1/models` only authenticates: it fails like this or not at all. */
export const MODELS_ERRORS = OPENAI_ERRORS.filter(
  (c) => c.code === "unauthenticated" || c.code === "forbidden" || c.code === "internal",
);

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);

function errorExamples<T extends ErrorCase>(cases: readonly T[], key: (c: T) => string, body: (c: T) => unknown) {
  return Object.fromEntries(cases.map((c) => [key(c), { summary: c.when, value: body(c) }]));
}

const chatErrorBody = (c: ErrorCase) => ({ error: c.message });
const openAiErrorBody = (c: OpenAiErrorCase) => ({
  error: { message: c.message, type: c.type, param: null, code: c.code },
});

export const RATE_LIMIT_HEADERS = {
  "X-RateLimit-Limit": headerRef("XRateLimitLimit"),
  "X-RateLimit-Remaining": headerRef("XRateLimitRemaining"),
  "X-RateLimit-Reset": headerRef("XRateLimitReset"),
};

/** `/api/v1/chat` saves the question before the provider answers; a failed answer leaves it to retry. */
const SAVED_QUESTION = {
  description: "The saved conversation holding the question, when the provider failed after it was saved.",
  schema: { type: "string" as const },
};

/** One response per status, with one example per case. */
function errorResponses<T extends ErrorCase>(
  all: readonly T[],
  schema: "ChatError" | "OpenAIErrorResponse",
  key: (c: T) => string,
  body: (c: T) => unknown,
): Record<string, ResponseObject> {
  const out: Record<string, ResponseObject> = {};
  for (const status of new Set(all.map((c) => c.status))) {
    const cases = all.filter((c) => c.status === status);
    out[status] = {
      description: STATUS_TEXT[status],
      ...(status === 429 ? { headers: { "Retry-After": headerRef("RetryAfter"), ...RATE_LIMIT_HEADERS } } : {}),
      ...(status === 500 && schema === "ChatError" ? { headers: { "X-Conversation-Id": SAVED_QUESTION } } : {}),
      content: { "application/json": { schema: ref(schema), examples: errorExamples(cases, key, body) } },
    };
  }
  return out;
}

export const chatErrorResponses = (all: readonly ErrorCase[]) =>
  errorResponses(all, "ChatError", (c) => slug(c.message), chatErrorBody);

export const openAiErrorResponses = (all: readonly OpenAiErrorCase[]) =>
  errorResponses(all, "OpenAIErrorResponse", (c) => slug(`${c.code} ${c.message}`), openAiErrorBody);

const STATUS_TEXT: Record<ErrorCase["status"], string> = {
  400: "Bad Request: the body is invalid or exceeds a plan limit.",
  401: "Unauthorized: missing or invalid API key.",
  403: "Forbidden: monthly token quota used up, or the key may no longer act.",
  404: "Not Found: the conversation does not exist or is not yours.",
  429: "Too Many Requests: a per-minute rate limit was hit.",
  500: "Internal Server Error: the model provider failed before answering.",
};
