import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ChatMessage, ChatRequest } from "./chat-body";
import { CompletionRequest as ChatCompletionRequest } from "./completions";
import { ChatError, OpenAIErrorResponse } from "./errors";
import { SCHEMAS, type SchemaName } from "./openapi";
import { doc, operation } from "./openapi-testing";
import { type JsonSchema, type OpenApiDocument, type Ref, resolveRef } from "./openapi-types";
import { ChatCompletion, ChatCompletionChunk, ModelList } from "./responses";

/**
 * The document shows exactly what the code parses and answers: every field of every zod schema
 * the route handlers use, at every depth, is a property of the document's schema, and no other.
 * The fields are read from the zod objects themselves, not from the generator's output, so a
 * field added to a parser's schema fails here until the document shows it.
 */

type Def =
  | { type: "object"; shape: Record<string, z.core.$ZodType> }
  | { type: "array"; element: z.core.$ZodType }
  | { type: "optional" | "nullable" | "default" | "readonly" | "nonoptional"; innerType: z.core.$ZodType }
  | { type: "union"; options: z.core.$ZodType[] }
  | { type: "pipe"; in: z.core.$ZodType }
  | { type: string };

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

/** `messages`, `messages[].role`, …: every field path of a zod schema. */
function zodFields(schema: z.core.$ZodType, prefix = ""): string[] {
  const def = schema._zod.def as Def;
  if ("shape" in def) {
    return Object.entries(def.shape).flatMap(([key, field]) => [
      join(prefix, key),
      ...zodFields(field, join(prefix, key)),
    ]);
  }
  if ("element" in def) return zodFields(def.element, `${prefix}[]`);
  if ("innerType" in def) return zodFields(def.innerType, prefix);
  if ("options" in def) return def.options.flatMap((option) => zodFields(option, prefix));
  if ("in" in def) return zodFields(def.in, prefix);
  return [];
}

/** The same paths, read from a schema of the document (following `$ref`s). */
function documentFields(document: OpenApiDocument, schema: JsonSchema | Ref, prefix = ""): string[] {
  const s = resolveRef<JsonSchema>(document, schema);
  return [
    ...Object.entries(s.properties ?? {}).flatMap(([key, field]) => [
      join(prefix, key),
      ...documentFields(document, field, join(prefix, key)),
    ]),
    ...(s.items ? documentFields(document, s.items, `${prefix}[]`) : []),
    ...[...(s.anyOf ?? []), ...(s.oneOf ?? [])].flatMap((branch) => documentFields(document, branch, prefix)),
  ];
}

const fieldSet = (fields: string[]) => [...new Set(fields)].sort();

/** Each operation's request body and responses, with the schema the code parses or answers with. */
const USED: [what: string, schema: JsonSchema | undefined, zodSchema: z.ZodType][] = [
  [
    "POST /api/v1/chat request",
    operation("/api/v1/chat", "post").requestBody?.content["application/json"]?.schema,
    ChatRequest,
  ],
  [
    "POST /api/v1/chat/completions request",
    operation("/api/v1/chat/completions", "post").requestBody?.content["application/json"]?.schema,
    ChatCompletionRequest,
  ],
  ["POST /api/v1/chat/completions 200", responseSchema("/api/v1/chat/completions", "post", "200"), ChatCompletion],
  ["POST /api/v1/chat 400", responseSchema("/api/v1/chat", "post", "400"), ChatError],
  ["POST /api/v1/chat/completions 400", responseSchema("/api/v1/chat/completions", "post", "400"), OpenAIErrorResponse],
  ["GET /api/v1/models 200", responseSchema("/api/v1/models", "get", "200"), ModelList],
  ["GET /api/v1/models 401", responseSchema("/api/v1/models", "get", "401"), OpenAIErrorResponse],
];

function responseSchema(pathName: string, method: "get" | "post", status: string): JsonSchema | undefined {
  const response = operation(pathName, method).responses[status];
  return (
    response &&
    resolveRef<{ content?: Record<string, { schema: JsonSchema }> }>(doc, response).content?.["application/json"]
      ?.schema
  );
}

describe("the generated document and the code's zod schemas", () => {
  it.each(USED)(
    "%s: the document shows every field of the schema the code uses, and no other",
    (_, schema, zodSchema) => {
      expect(schema).toBeDefined();
      expect(fieldSet(documentFields(doc, schema as JsonSchema))).toEqual(fieldSet(zodFields(zodSchema)));
    },
  );

  it.each(Object.entries(SCHEMAS))("components.schemas.%s shows every field of its zod schema", (name, zodSchema) => {
    const schema = doc.components.schemas[name as SchemaName];
    expect(schema).toBeDefined();
    expect(fieldSet(documentFields(doc, schema as JsonSchema))).toEqual(fieldSet(zodFields(zodSchema)));
    expect(zodFields(zodSchema).length).toBeGreaterThan(0);
  });

  it("shows the OpenAI-compatible options the parser passes through", () => {
    const documented = documentFields(doc, doc.components.schemas.ChatCompletionRequest as JsonSchema);
    for (const field of [
      "tools[].function.name",
      "tool_choice",
      "response_format.json_schema.schema",
      "messages[].tool_calls[].id",
      "messages[].tool_call_id",
    ]) {
      expect(documented).toContain(field);
    }
  });

  it("names the schemas the code uses, not copies of them", () => {
    expect(SCHEMAS.ChatRequest).toBe(ChatRequest);
    expect(SCHEMAS.ChatMessage).toBe(ChatMessage);
    expect(SCHEMAS.ChatCompletionRequest).toBe(ChatCompletionRequest);
    expect(SCHEMAS.ChatCompletionChunk).toBe(ChatCompletionChunk);
  });

  it("fails when a field is added to a schema and the document does not show it", () => {
    const grown = ChatCompletionRequest.extend({
      web_search_options: z.object({ search_context_size: z.string() }).optional(),
    });
    const documented = fieldSet(documentFields(doc, doc.components.schemas.ChatCompletionRequest as JsonSchema));
    expect(fieldSet(zodFields(grown))).not.toEqual(documented);
    expect(fieldSet(zodFields(grown)).filter((f) => !documented.includes(f))).toEqual([
      "web_search_options",
      "web_search_options.search_context_size",
    ]);
  });
});
