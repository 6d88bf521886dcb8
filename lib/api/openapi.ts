import { z } from "zod";
import { defaultModelId, listModels } from "@/lib/providers/registry";
import { ChatMessage, ChatRequest, MODEL_DESCRIPTION } from "./chat-body";
import { CompletionRequest } from "./completions";
import { ChatError, OpenAIErrorResponse } from "./errors";
import { apiPaths } from "./openapi-paths";
import type { JsonSchema, OpenApiDocument } from "./openapi-types";
import { ChatCompletion, ChatCompletionChunk, CompletionUsage, Model, ModelList, Price } from "./responses";

/**
 * The OpenAPI 3.1 description of the public API (`GET /api/v1/openapi.json`). Its schemas are
 * generated (zod 4's JSON Schema output) from the very zod schemas the route handlers parse
 * requests with and type their answers by; the prose, examples and headers are written in
 * lib/api/openapi-paths.ts and lib/api/openapi-errors.ts.
 */

/** The named schemas of `components.schemas`: a schema used inside another one becomes a `$ref`. */
export const SCHEMAS = {
  ChatMessage,
  ChatRequest,
  ChatError,
  ChatCompletionRequest: CompletionRequest,
  CompletionUsage,
  ChatCompletion,
  ChatCompletionChunk,
  Price,
  Model,
  ModelList,
  OpenAIErrorResponse,
} satisfies Record<string, z.ZodType>;

export type SchemaName = keyof typeof SCHEMAS;

/**
 * Requests as clients may write them (`io: "input"`: defaults and optional fields as sent);
 * responses are strict objects, so their `additionalProperties: false` says no other field comes.
 */
function generatedSchemas(): Record<SchemaName, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: "input" });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema as JsonSchema]),
  ) as Record<SchemaName, JsonSchema>;
}

export interface OpenApiOptions {
  /** The model used when a request names none. */
  defaultModel: string;
  /** The models this server offers. */
  models: readonly string[];
}

/** The `model` fields say which models this server offers, and which it picks by default. */
function withServerModels(schemas: Record<SchemaName, JsonSchema>, { defaultModel, models }: OpenApiOptions) {
  const model: JsonSchema = {
    type: "string",
    minLength: 1,
    default: defaultModel,
    description: `${MODEL_DESCRIPTION} On this server: ${models.join(", ")}. Any other is refused with 400.`,
    examples: [defaultModel],
  };
  for (const name of ["ChatRequest", "ChatCompletionRequest"] as const) {
    const properties = schemas[name].properties ?? {};
    properties.model = { ...properties.model, ...model };
  }
  return schemas;
}

export function openApiDocument(
  options: OpenApiOptions = { defaultModel: defaultModelId(), models: listModels().map((m) => m.id) },
): OpenApiDocument {
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
    paths: apiPaths(options.defaultModel),
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
      schemas: withServerModels(generatedSchemas(), options),
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
