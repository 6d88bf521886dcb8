import {
  CHAT_ERRORS,
  chatErrorResponses,
  MODELS_ERRORS,
  OPENAI_ERRORS,
  openAiErrorResponses,
  RATE_LIMIT_HEADERS,
} from "./openapi-errors";
import { headerRef, type PathItemObject, ref, responseRef } from "./openapi-types";

/**
 * The operations of the public API: prose and examples, written here; every schema they name is
 * generated from the zod schemas the route handlers parse and answer with (lib/api/openapi.ts).
 */

/** Where the document is served. */
export const OPENAPI_PATH = "/api/v1/openapi.json";

const STREAM_HEADERS = {
  "Cache-Control": headerRef("CacheControl"),
  Connection: headerRef("Connection"),
  "X-Accel-Buffering": headerRef("XAccelBuffering"),
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

export function apiPaths(defaultModel: string): Record<string, PathItemObject> {
  return {
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
          "is saved as a new conversation (`X-Conversation-Id`). Tools, `tool_choice`, `response_format` and the",
          "sampling options are passed to the model's provider; one it cannot honour is refused with a 400 naming it.",
          "Errors have OpenAI's shape, so the SDKs raise their usual exceptions.",
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
  };
}
