import { MESSAGE_ROLES } from "@/lib/db/enums";
import { UPSTREAM_FAILED_MESSAGE } from "@/lib/providers/http";
import { defaultModelId, listModels } from "@/lib/providers/registry";

/**
 * The OpenAPI 3.1 description of the public API (`GET /api/v1/openapi.json`), written as a typed
 * object. It describes the routes exactly as they are implemented; lib/api/openapi.test.ts holds
 * it against the route files, the request parsers and the errors the code produces.
 */

// ---------- A typed subset of OpenAPI 3.1 / JSON Schema 2020-12 (what this document uses) ----------

type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";

export interface JsonSchema {
  $ref?: string;
  type?: JsonType | JsonType[];
  title?: string;
  description?: string;
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean | null;
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  anyOf?: JsonSchema[];
  format?: string;
  contentMediaType?: string;
}

export interface ExampleObject {
  summary?: string;
  description?: string;
  value: unknown;
}

export interface MediaTypeObject {
  schema: JsonSchema;
  examples?: Record<string, ExampleObject>;
}

export interface HeaderObject {
  description?: string;
  required?: boolean;
  schema: JsonSchema;
}

type Ref = { $ref: string };

export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | Ref>;
  content?: Record<string, MediaTypeObject>;
}

export interface ParameterObject {
  name: string;
  in: "query" | "header" | "path" | "cookie";
  description?: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: ParameterObject[];
  requestBody?: { description?: string; required?: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject | Ref>;
}

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
export type PathItemObject = Partial<Record<HttpMethod, OperationObject>>;

export interface OpenApiDocument {
  openapi: `3.1.${number}`;
  info: { title: string; version: string; summary?: string; description?: string };
  servers: { url: string; description?: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, PathItemObject>;
  components: {
    schemas: Record<string, JsonSchema>;
    headers: Record<string, HeaderObject>;
    responses: Record<string, ResponseObject>;
    securitySchemes: Record<string, { type: "http"; scheme: "bearer"; bearerFormat?: string; description?: string }>;
  };
}

// ---------- The errors of the API, shared with the docs page ----------

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

const OPENAI_ERROR_TYPES = [
  "invalid_request_error",
  "authentication_error",
  "permission_error",
  "not_found_error",
  "insufficient_quota",
  "rate_limit_exceeded",
  "server_error",
] as const;

const OPENAI_ERROR_CODES = [
  "invalid_request",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "quota_exceeded",
  "rate_limited",
  "upstream_failed",
  "upstream_overloaded",
  "upstream_misconfigured",
  "unavailable",
  "internal",
] as const;

// ---------- Building blocks ----------

/** Where this document is served. */
export const OPENAPI_PATH = "/api/v1/openapi.json";
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const ref = (name: string): Ref => ({ $ref: `#/components/schemas/${name}` });
const headerRef = (name: string): Ref => ({ $ref: `#/components/headers/${name}` });
const responseRef = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });

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

const RATE_LIMIT_HEADERS = {
  "X-RateLimit-Limit": headerRef("XRateLimitLimit"),
  "X-RateLimit-Remaining": headerRef("XRateLimitRemaining"),
  "X-RateLimit-Reset": headerRef("XRateLimitReset"),
};

const STREAM_HEADERS = {
  "Cache-Control": headerRef("CacheControl"),
  Connection: headerRef("Connection"),
  "X-Accel-Buffering": headerRef("XAccelBuffering"),
};

function chatErrorResponses(all: readonly ErrorCase[]): Record<string, ResponseObject> {
  const out: Record<string, ResponseObject> = {};
  for (const status of new Set(all.map((c) => c.status))) {
    const cases = all.filter((c) => c.status === status);
    out[status] = {
      description: STATUS_TEXT[status],
      ...(status === 429 ? { headers: { "Retry-After": headerRef("RetryAfter"), ...RATE_LIMIT_HEADERS } } : {}),
      content: {
        "application/json": {
          schema: ref("ChatError"),
          examples: errorExamples(cases, (c) => slug(c.message), chatErrorBody),
        },
      },
    };
  }
  return out;
}

function openAiErrorResponses(all: readonly OpenAiErrorCase[]): Record<string, ResponseObject> {
  const out: Record<string, ResponseObject> = {};
  for (const status of new Set(all.map((c) => c.status))) {
    const cases = all.filter((c) => c.status === status);
    out[status] = {
      description: STATUS_TEXT[status],
      ...(status === 429 ? { headers: { "Retry-After": headerRef("RetryAfter"), ...RATE_LIMIT_HEADERS } } : {}),
      content: {
        "application/json": {
          schema: ref("OpenAIErrorResponse"),
          examples: errorExamples(cases, (c) => slug(`${c.code} ${c.message}`), openAiErrorBody),
        },
      },
    };
  }
  return out;
}

const STATUS_TEXT: Record<ErrorCase["status"], string> = {
  400: "Bad Request: the body is invalid or exceeds a plan limit.",
  401: "Unauthorized: missing or invalid API key.",
  403: "Forbidden: monthly token quota used up, or the key may no longer act.",
  404: "Not Found: the conversation does not exist or is not yours.",
  429: "Too Many Requests: a per-minute rate limit was hit.",
  500: "Internal Server Error: the model provider failed before answering.",
};

const CHUNK_BASE = {
  id: "chatcmpl-cm9x2k1d40000abcd1234efgh",
  object: "chat.completion.chunk",
  created: 1_767_225_600,
  model: "llama-3.3-70b-versatile",
};
const chunkLine = (delta: object, finishReason: string | null) =>
  `data: ${JSON.stringify({ ...CHUNK_BASE, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}`;

const SAMPLE_ANSWER = "Hello! Here's a professional email greeting for you:\n\nDear [Recipient's Name],\n";

// ---------- The document ----------

export interface OpenApiOptions {
  /** The model used when a request names none. */
  defaultModel: string;
  /** The models this server offers. */
  models: readonly string[];
}

export function openApiDocument(
  options: OpenApiOptions = { defaultModel: defaultModelId(), models: listModels().map((m) => m.id) },
): OpenApiDocument {
  const { defaultModel, models } = options;
  const modelList = models.join(", ");
  const modelSchema: JsonSchema = {
    type: "string",
    minLength: 1,
    default: defaultModel,
    description: `The model to answer with; one of those \`GET /api/v1/models\` lists (on this server: ${modelList}). Any other is refused with 400.`,
    examples: [defaultModel],
  };
  const messagesSchema: JsonSchema = {
    type: "array",
    minItems: 1,
    items: ref("ChatMessage"),
    description:
      "The conversation so far, oldest first: at least one message, each with non-blank content. Your plan caps how many messages and characters one request may send.",
  };
  const maxTokensSchema = (nullable: boolean): JsonSchema => ({
    type: nullable ? ["integer", "null"] : "integer",
    minimum: 1,
    maximum: MAX_SAFE,
    description:
      "Upper bound on the answer's length in tokens. Defaults to your plan's maximum; a larger value is refused with status 400.",
  });
  const temperatureSchema = (nullable: boolean): JsonSchema => ({
    type: nullable ? ["number", "null"] : "number",
    minimum: 0,
    maximum: 2,
    description: "Sampling temperature, 0 to 2. Lower is more focused; omitted means the provider's default.",
  });

  return {
    openapi: "3.1.0",
    info: {
      title: "SPJ Chat API",
      version: "1.0.0",
      summary: "Chat with this server's models from your own programs.",
      description: [
        "Two doors into the same chat pipeline as the web app: `POST /api/v1/chat` streams a plain-text answer",
        "and saves the conversation; `POST /api/v1/chat/completions` and `GET /api/v1/models` speak OpenAI's API,",
        "so the official `openai` SDKs work with `baseURL` set to this server's `/api/v1`.",
        "Authenticate with an `spj_ai_` API key (Settings → API keys) as a Bearer token. Usage counts toward",
        "your workspace's monthly token quota and per-minute rate limits.",
      ].join(" "),
    },
    servers: [{ url: "/", description: "This server (the document is served by the host it describes)." }],
    tags: [
      { name: "Chat", description: "The native, streaming chat endpoint." },
      { name: "OpenAI-compatible", description: "OpenAI's chat completions and models endpoints." },
      { name: "Meta", description: "This description." },
    ],
    paths: {
      "/api/v1/chat": {
        post: {
          operationId: "chat",
          tags: ["Chat"],
          summary: "Send a conversation, stream the answer as plain text",
          description: [
            "Answers the conversation with a streamed plain-text body: the answer is the concatenation of all chunks",
            "(no `data:` framing, despite the `text/event-stream` content type). The exchange is saved as a",
            "conversation owned by the key's creator; its id comes back in `X-Conversation-Id` and continues it",
            "when sent as `conversation_id`. If the provider fails after the first chunk, the connection is closed",
            "abnormally so a client never takes a partial answer for a whole one.",
          ].join(" "),
          security: [{ bearerAuth: [] }],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: ref("ChatRequest"),
                examples: {
                  basic: {
                    summary: "Basic request",
                    value: { messages: [{ role: "user", content: "Write a professional email greeting." }] },
                  },
                  system_message: {
                    summary: "With a system message",
                    value: {
                      messages: [
                        {
                          role: "system",
                          content: "You are a technical writer who creates clear, concise documentation.",
                        },
                        { role: "user", content: "Explain what an API is in simple terms." },
                      ],
                    },
                  },
                  continue_conversation: {
                    summary: "Continue a saved conversation, with options",
                    value: {
                      messages: [{ role: "user", content: "Can you give me a simple example?" }],
                      conversation_id: "cm9x2k1d40000abcd1234efgh",
                      model: defaultModel,
                      max_tokens: 400,
                      temperature: 0.7,
                    },
                  },
                },
              },
            },
          },
          responses: {
            200: {
              description: "The answer, streamed as plain-text chunks.",
              headers: {
                ...STREAM_HEADERS,
                "X-Conversation-Id": headerRef("XConversationId"),
                ...RATE_LIMIT_HEADERS,
              },
              content: {
                "text/event-stream": {
                  schema: {
                    type: "string",
                    description: "Plain text; concatenate the chunks to get the whole answer.",
                  },
                  examples: { answer: { summary: "The start of an answer", value: SAMPLE_ANSWER } },
                },
              },
            },
            ...chatErrorResponses(CHAT_ERRORS),
          },
        },
      },
      "/api/v1/chat/completions": {
        post: {
          operationId: "createChatCompletion",
          tags: ["OpenAI-compatible"],
          summary: "Create a chat completion (OpenAI-compatible)",
          description: [
            "OpenAI's `POST /v1/chat/completions` over the same pipeline: a `chat.completion` object, or with",
            "`stream: true` a stream of `chat.completion.chunk` server-sent events ending with `data: [DONE]`",
            "(with `stream_options.include_usage`, a last chunk with empty `choices` carries `usage`). Each request",
            "is saved as a new conversation (`X-Conversation-Id`). Other OpenAI parameters are accepted and",
            "ignored. Errors have OpenAI's shape, so the SDKs raise their usual exceptions.",
          ].join(" "),
          security: [{ bearerAuth: [] }],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: ref("ChatCompletionRequest"),
                examples: {
                  basic: {
                    summary: "A completion",
                    value: {
                      model: defaultModel,
                      messages: [
                        { role: "system", content: "You are a helpful assistant." },
                        { role: "user", content: "Hello!" },
                      ],
                      temperature: 0.7,
                      max_tokens: 150,
                    },
                  },
                  stream: {
                    summary: "Streamed, with usage at the end",
                    value: {
                      model: defaultModel,
                      messages: [{ role: "user", content: "Hello!" }],
                      stream: true,
                      stream_options: { include_usage: true },
                    },
                  },
                },
              },
            },
          },
          responses: {
            200: {
              description:
                "A `chat.completion` (JSON), or with `stream: true` a stream of `chat.completion.chunk` events.",
              headers: {
                "X-Conversation-Id": headerRef("XConversationId"),
                ...RATE_LIMIT_HEADERS,
                "Cache-Control": {
                  description: "`no-cache` (streaming responses only).",
                  schema: { type: "string", const: "no-cache" },
                },
                Connection: {
                  description: "`keep-alive` (streaming responses only).",
                  schema: { type: "string", const: "keep-alive" },
                },
                "X-Accel-Buffering": {
                  description: "`no` (streaming responses only).",
                  schema: { type: "string", const: "no" },
                },
              },
              content: {
                "application/json": {
                  schema: ref("ChatCompletion"),
                  examples: {
                    completion: {
                      summary: "A completion",
                      value: {
                        id: "chatcmpl-cm9x2k1d40000abcd1234efgh",
                        object: "chat.completion",
                        created: 1_767_225_600,
                        model: defaultModel,
                        choices: [
                          {
                            index: 0,
                            message: { role: "assistant", content: "Hello! How can I help you today?" },
                            logprobs: null,
                            finish_reason: "stop",
                          },
                        ],
                        usage: { prompt_tokens: 25, completion_tokens: 7, total_tokens: 32 },
                        provider: "groq",
                        latency: 1250,
                        cost: 0.00002028,
                      },
                    },
                  },
                },
                "text/event-stream": {
                  schema: {
                    type: "string",
                    description:
                      "Server-sent events: `data: <ChatCompletionChunk JSON>` per event (see the ChatCompletionChunk schema), then `data: [DONE]`.",
                  },
                  examples: {
                    stream: {
                      summary: "A streamed completion with include_usage",
                      value: [
                        chunkLine({ role: "assistant", content: "" }, null),
                        chunkLine({ content: "Hello" }, null),
                        chunkLine({ content: "!" }, null),
                        chunkLine({}, "stop"),
                        `data: ${JSON.stringify({ ...CHUNK_BASE, choices: [], usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 } })}`,
                        "data: [DONE]",
                        "",
                        "",
                      ].join("\n\n"),
                    },
                  },
                },
              },
            },
            ...openAiErrorResponses(OPENAI_ERRORS),
          },
        },
      },
      "/api/v1/models": {
        get: {
          operationId: "listModels",
          tags: ["OpenAI-compatible"],
          summary: "List the models this server offers, with prices",
          description:
            "The models a request may name, in OpenAI's list shape, with seed 003's `capabilities` and `pricing` in dollars per 1K tokens (`null` when the operator set no price).",
          security: [{ bearerAuth: [] }],
          responses: {
            200: {
              description: "The model list.",
              content: {
                "application/json": {
                  schema: ref("ModelList"),
                  examples: {
                    models: {
                      summary: "One model",
                      value: {
                        object: "list",
                        data: [
                          {
                            id: defaultModel,
                            object: "model",
                            created: 1_700_000_000,
                            owned_by: "groq",
                            capabilities: ["chat"],
                            pricing: { input: 0.00059, output: 0.00079 },
                          },
                        ],
                      },
                    },
                  },
                },
              },
            },
            ...openAiErrorResponses(MODELS_ERRORS),
          },
        },
      },
      [OPENAPI_PATH]: {
        get: {
          operationId: "getOpenApiDocument",
          tags: ["Meta"],
          summary: "This OpenAPI 3.1 document",
          description: "Public (no key needed) and cacheable; answers 304 to a matching `If-None-Match`.",
          security: [],
          parameters: [
            {
              name: "If-None-Match",
              in: "header",
              required: false,
              description: "An ETag from an earlier response.",
              schema: { type: "string" },
            },
          ],
          responses: {
            200: {
              description: "The document.",
              headers: {
                "Cache-Control": {
                  description: "`public, max-age=300`.",
                  required: true,
                  schema: { type: "string" },
                },
                ETag: { description: "The document's version.", required: true, schema: { type: "string" } },
                "Access-Control-Allow-Origin": {
                  description: "`*`: any site may read it (API explorers).",
                  required: true,
                  schema: { type: "string", const: "*" },
                },
              },
              content: { "application/json": { schema: { type: "object", description: "An OpenAPI 3.1 document." } } },
            },
            304: responseRef("NotModified"),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "spj_ai_…",
          description:
            "An API key from Settings → API keys: `Authorization: Bearer spj_ai_…`. It acts as its creator in the key's workspace.",
        },
      },
      schemas: {
        ChatMessage: {
          type: "object",
          required: ["role", "content"],
          properties: {
            role: { type: "string", enum: MESSAGE_ROLES, description: "Who wrote the message." },
            content: {
              type: "string",
              minLength: 1,
              pattern: "\\S",
              description: "The text; must contain a non-whitespace character.",
            },
            name: { type: "string", maxLength: 64, description: "Name of the author (accepted, not sent upstream)." },
          },
        },
        ChatRequest: {
          type: "object",
          required: ["messages"],
          properties: {
            messages: messagesSchema,
            model: modelSchema,
            conversation_id: {
              type: "string",
              minLength: 1,
              maxLength: 64,
              description:
                "Continue this saved conversation (its id from `X-Conversation-Id`): its history is sent along before `messages`, trimmed to your plan's limits. Without it a new conversation is created.",
            },
            system_prompt: {
              type: "string",
              description:
                "A system message sent first. For a continued conversation it defaults to the one it was started with.",
            },
            max_tokens: maxTokensSchema(false),
            temperature: temperatureSchema(false),
          },
        },
        ChatError: {
          type: "object",
          required: ["error"],
          properties: { error: { type: "string", description: "What went wrong, for people." } },
        },
        ChatCompletionRequest: {
          type: "object",
          required: ["messages"],
          description: "OpenAI's request; parameters not listed here are accepted and ignored.",
          properties: {
            model: modelSchema,
            messages: messagesSchema,
            temperature: temperatureSchema(true),
            max_tokens: maxTokensSchema(true),
            max_completion_tokens: { ...maxTokensSchema(true), description: "Takes precedence over `max_tokens`." },
            stream: {
              type: ["boolean", "null"],
              default: false,
              description: "Stream `chat.completion.chunk` events instead of one JSON object.",
            },
            stream_options: {
              type: ["object", "null"],
              properties: {
                include_usage: {
                  type: "boolean",
                  description: "Send a last chunk with empty `choices` and the request's `usage`.",
                },
              },
            },
          },
        },
        CompletionUsage: {
          type: "object",
          required: ["prompt_tokens", "completion_tokens", "total_tokens"],
          properties: {
            prompt_tokens: { type: "integer", minimum: 0 },
            completion_tokens: { type: "integer", minimum: 0 },
            total_tokens: { type: "integer", minimum: 0 },
          },
        },
        ChatCompletion: {
          type: "object",
          required: ["id", "object", "created", "model", "choices", "usage", "provider", "latency", "cost"],
          properties: {
            id: { type: "string" },
            object: { type: "string", const: "chat.completion" },
            created: { type: "integer", description: "Unix time (seconds)." },
            model: { type: "string" },
            choices: {
              type: "array",
              items: {
                type: "object",
                required: ["index", "message", "finish_reason"],
                properties: {
                  index: { type: "integer" },
                  message: {
                    type: "object",
                    required: ["role", "content"],
                    properties: { role: { type: "string", const: "assistant" }, content: { type: "string" } },
                  },
                  logprobs: { type: "null" },
                  finish_reason: { type: "string", enum: ["stop"] },
                },
              },
            },
            usage: ref("CompletionUsage"),
            provider: { type: "string", description: "Who answered (seed 004), e.g. `groq`." },
            latency: { type: "integer", minimum: 0, description: "Milliseconds from the request to the last token." },
            cost: {
              type: ["number", "null"],
              minimum: 0,
              description: "Dollars, from the model's price; `null` when the model is unpriced.",
            },
          },
        },
        ChatCompletionChunk: {
          type: "object",
          required: ["id", "object", "created", "model", "choices"],
          properties: {
            id: { type: "string" },
            object: { type: "string", const: "chat.completion.chunk" },
            created: { type: "integer" },
            model: { type: "string" },
            choices: {
              type: "array",
              description: "One choice; empty in the last, usage-only chunk.",
              items: {
                type: "object",
                required: ["index", "delta", "finish_reason"],
                properties: {
                  index: { type: "integer" },
                  delta: {
                    type: "object",
                    properties: { role: { type: "string", const: "assistant" }, content: { type: "string" } },
                  },
                  logprobs: { type: "null" },
                  finish_reason: { type: ["string", "null"], enum: ["stop", null] },
                },
              },
            },
            usage: { ...ref("CompletionUsage"), description: "Only in the last chunk, with `include_usage`." },
          },
        },
        Price: {
          type: "object",
          required: ["input", "output"],
          description: "Dollars per 1K tokens.",
          properties: { input: { type: "number", minimum: 0 }, output: { type: "number", minimum: 0 } },
        },
        Model: {
          type: "object",
          required: ["id", "object", "created", "owned_by", "capabilities", "pricing"],
          properties: {
            id: { type: "string" },
            object: { type: "string", const: "model" },
            created: { type: "integer" },
            owned_by: { type: "string", description: "The provider." },
            capabilities: { type: "array", items: { type: "string" } },
            pricing: { anyOf: [ref("Price"), { type: "null" }] },
          },
        },
        ModelList: {
          type: "object",
          required: ["object", "data"],
          properties: { object: { type: "string", const: "list" }, data: { type: "array", items: ref("Model") } },
        },
        OpenAIErrorResponse: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["message", "type", "param", "code"],
              properties: {
                message: { type: "string" },
                type: { type: "string", enum: OPENAI_ERROR_TYPES },
                param: { type: "null" },
                code: { type: "string", enum: OPENAI_ERROR_CODES },
              },
            },
          },
        },
      },
      headers: {
        CacheControl: { description: "`no-cache`.", required: true, schema: { type: "string", const: "no-cache" } },
        Connection: { description: "`keep-alive`.", required: true, schema: { type: "string", const: "keep-alive" } },
        XAccelBuffering: {
          description: "`no`: tells proxies (nginx) not to buffer the stream.",
          required: true,
          schema: { type: "string", const: "no" },
        },
        XConversationId: {
          description: "The saved conversation's id; send it as `conversation_id` to continue it.",
          required: true,
          schema: { type: "string" },
        },
        XRateLimitLimit: {
          description: "Requests allowed per minute on your plan.",
          required: true,
          schema: { type: "integer", minimum: 0 },
        },
        XRateLimitRemaining: {
          description: "Requests left in the current minute.",
          required: true,
          schema: { type: "integer", minimum: 0 },
        },
        XRateLimitReset: {
          description: "Unix time (seconds) when the current window ends.",
          required: true,
          schema: { type: "integer", minimum: 0 },
        },
        RetryAfter: {
          description: "Seconds to wait before retrying.",
          required: true,
          schema: { type: "integer", minimum: 1 },
        },
      },
      responses: {
        NotModified: { description: "Not Modified: the `If-None-Match` ETag is current." },
      },
    },
  };
}

/** Resolves a local `#/components/…` reference (for tests and the docs page). */
export function resolveRef<T>(doc: OpenApiDocument, value: T | Ref): T {
  if (typeof value !== "object" || value === null || !("$ref" in value) || typeof value.$ref !== "string") {
    return value as T;
  }
  let node: unknown = doc;
  for (const part of value.$ref.replace(/^#\//, "").split("/")) {
    node = (node as Record<string, unknown>)[part];
  }
  if (node === undefined) throw new Error(`Unresolved reference ${value.$ref}`);
  return node as T;
}
