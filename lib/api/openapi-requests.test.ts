import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseChatApiBody } from "./chat-body";
import { parseCompletionRequest } from "./completions";
import { one, schemaOf, user, validator } from "./openapi-testing";

/**
 * The request parsers and the document's request schemas (generated from the parsers' zod
 * schemas) give the same verdict on every body: seed 002's, seed 004's, and the edges. A rule zod
 * checks that its JSON Schema output cannot express would show up here.
 */

type Case = [name: string, body: unknown];

/** Seed 002's bodies (every example and the validation section), then seed 004's fields, then edges. */
const SEED_002_VALID: Case[] = [
  ["basic request", { messages: [user("Write a professional email greeting.")] }],
  [
    "with system message",
    {
      messages: [
        { role: "system", content: "You are a technical writer who creates clear, concise documentation." },
        user("Explain what an API is in simple terms."),
      ],
    },
  ],
  [
    "multi-turn conversation",
    {
      messages: [
        user("What is machine learning?"),
        {
          role: "assistant",
          content:
            "Machine learning is a subset of artificial intelligence (AI) that enables computers to learn and improve from experience without being explicitly programmed for every task.",
        },
        user("Can you give me a simple example?"),
      ],
    },
  ],
  [
    "specifying model",
    {
      messages: [user("Generate a Python function to calculate fibonacci numbers.")],
      model: "llama-3.3-70b-versatile",
    },
  ],
  [
    "content generation",
    {
      messages: [
        {
          role: "system",
          content: "You are a marketing copywriter. Write compelling copy that drives action and focuses on benefits.",
        },
        user(
          "Write marketing copy for a productivity app targeting remote workers. Include a headline, 3 key benefits, and a call-to-action.",
        ),
      ],
    },
  ],
  ["validation: valid", { messages: [user("Your message here")] }],
  ["postman / httpie / insomnia", { messages: [user("Test message")] }],
];
const SEED_002_INVALID: Case[] = [
  ["validation: empty messages array", { messages: [] }],
  ["validation: missing content field", { messages: [{ role: "user" }] }],
  ["validation: invalid role value", { messages: [{ role: "invalid_role", content: "Hello" }] }],
];

const COMMON_VALID: Case[] = [
  [
    "seed 004: every option",
    {
      messages: [
        { role: "system", content: "You are a helpful assistant." },
        { role: "user", content: "Hello! How can you help me today?", name: "ada" },
      ],
      model: "gpt-4",
      max_tokens: 1000,
      temperature: 0.7,
    },
  ],
  ["unknown keys are ignored", { ...one(), user: "u-1", top_p: 1 }],
  ["unknown message keys are ignored", { messages: [{ ...user("Hi"), tool_calls: [] }] }],
  ["name of 64 characters", { messages: [{ ...user("Hi"), name: "n".repeat(64) }] }],
  ["name of 64 emoji (both count code points)", { messages: [{ ...user("Hi"), name: "😀".repeat(64) }] }],
  ["temperature 0", one({ temperature: 0 })],
  ["temperature 2", one({ temperature: 2 })],
  ["max_tokens 1", one({ max_tokens: 1 })],
  ["max_tokens written 1e3", '{"messages":[{"role":"user","content":"Hi"}],"max_tokens":1e3}'],
  ["max_tokens 1.0", '{"messages":[{"role":"user","content":"Hi"}],"max_tokens":1.0}'],
  ["max_tokens 2^53-1", one({ max_tokens: Number.MAX_SAFE_INTEGER })],
  ["content with a zero-width space and a letter", { messages: [user("\u200bx")] }],
  ["content of a zero-width space (not whitespace)", { messages: [user("\u200b")] }],
  [
    "an earlier assistant message",
    {
      messages: [
        { role: "assistant", content: "Hi" },
        { role: "user", content: "Hello" },
      ],
    },
  ],
];
const COMMON_INVALID: Case[] = [
  ["not JSON", "{oops"],
  ["an array", "[]"],
  ["a string", '"hello"'],
  ["null", "null"],
  ["no messages", {}],
  ["messages is an object", { messages: { role: "user", content: "Hi" } }],
  ["messages is a string", { messages: "Hi" }],
  ["a message is a string", { messages: ["Hi", user("ok")] }],
  ["a message is null", { messages: [null, user("ok")] }],
  ["a message is an array", { messages: [[], user("ok")] }],
  ["role missing", { messages: [{ content: "Hi" }] }],
  ["role tool", { messages: [{ role: "tool", content: "Hi" }] }],
  ["role in capitals", { messages: [{ role: "User", content: "Hi" }] }],
  ["content a number", { messages: [user(42)] }],
  ["content null", { messages: [user(null)] }],
  ["name too long", { messages: [{ ...user("Hi"), name: "n".repeat(65) }] }],
  ["name of 65 emoji", { messages: [{ ...user("Hi"), name: "😀".repeat(65) }] }],
  ["name a number", { messages: [{ ...user("Hi"), name: 7 }] }],
  ["name null", { messages: [{ ...user("Hi"), name: null }] }],
  ["model empty", one({ model: "" })],
  ["model a number", one({ model: 7 })],
  ["temperature above 2", one({ temperature: 2.01 })],
  ["temperature negative", one({ temperature: -0.1 })],
  ["temperature a string", one({ temperature: "0.7" })],
  ["max_tokens 0", one({ max_tokens: 0 })],
  ["max_tokens negative", one({ max_tokens: -1 })],
  ["max_tokens fractional", one({ max_tokens: 1.5 })],
  ["max_tokens 2^53", one({ max_tokens: 2 ** 53 })],
  ["max_tokens a string", one({ max_tokens: "100" })],
];

/** Blank text: /api/v1/chat refuses it in any message, in its schema. */
const BLANK_CONTENT: Case[] = [
  ["validation: empty content string", { messages: [user("")] }],
  ["content whitespace", { messages: [user(" \n\t ")] }],
  ["content a no-break space", { messages: [user("\u00a0")] }],
  ["content a byte-order mark", { messages: [user("\ufeff")] }],
];

const CHAT_VALID: Case[] = [
  ...SEED_002_VALID,
  ...COMMON_VALID,
  ["seed 004: conversation_id", one({ conversation_id: "conv_123456", max_tokens: 500 })],
  ["conversation_id of 64 characters", one({ conversation_id: "c".repeat(64) })],
  ["system_prompt", one({ system_prompt: "Be brief." })],
  ["empty system_prompt", one({ system_prompt: "" })],
];
const CHAT_INVALID: Case[] = [
  ...SEED_002_INVALID,
  ...COMMON_INVALID,
  ...BLANK_CONTENT,
  ["an earlier empty message", { messages: [user(""), user("ok")] }],
  ["content an array of parts", { messages: [user([{ type: "text", text: "Hi" }])] }],
  ["model null", one({ model: null })],
  ["temperature null", one({ temperature: null })],
  ["max_tokens null", one({ max_tokens: null })],
  ["conversation_id empty", one({ conversation_id: "" })],
  ["conversation_id too long", one({ conversation_id: "c".repeat(65) })],
  ["conversation_id a number", one({ conversation_id: 12 })],
  ["system_prompt a number", one({ system_prompt: 1 })],
];

const COMPLETIONS_VALID: Case[] = [
  ...SEED_002_VALID,
  ...COMMON_VALID,
  [
    "seed 003 request",
    {
      model: "gpt-4o",
      messages: [
        { role: "system", content: "You are a helpful assistant." },
        { role: "user", content: "Hello!" },
      ],
      temperature: 0.7,
      max_tokens: 150,
    },
  ],
  ["null options, as SDKs send them", one({ temperature: null, max_tokens: null, stream: null, stream_options: null })],
  ["stream with usage", one({ stream: true, stream_options: { include_usage: true } })],
  ["empty stream_options", one({ stream: true, stream_options: {} })],
  ["max_completion_tokens", one({ max_completion_tokens: 10 })],
  ["conversation_id is ignored here", one({ conversation_id: 12 })],
  ["content an array of parts", { messages: [user([{ type: "text", text: "Hi" }])] }],
  ["an earlier empty message (a tool call's assistant turn may have none)", { messages: [user(""), user("ok")] }],
];
const COMPLETIONS_INVALID: Case[] = [
  ...SEED_002_INVALID,
  ...COMMON_INVALID,
  ["model null", one({ model: null })],
  ["stream a string", one({ stream: "true" })],
  ["stream_options an array", one({ stream_options: [] })],
  ["include_usage a string", one({ stream_options: { include_usage: "yes" } })],
  ["max_completion_tokens 0", one({ max_completion_tokens: 0 })],
];

const accepts = (parse: (text: string) => unknown, body: unknown) => {
  try {
    parse(typeof body === "string" ? body : JSON.stringify(body));
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_request");
    return false;
  }
};
const schemaAccepts = (name: string, body: unknown) => {
  let value: unknown;
  try {
    value = typeof body === "string" ? JSON.parse(body) : body;
  } catch {
    return false; // not JSON: not an application/json body at all
  }
  return validator(schemaOf(name))(value);
};

/**
 * The one rule of /api/v1/chat/completions checked after its schema: the last message's text, which
 * may come as parts, must not be blank (seed 002's "Last message must have valid content").
 */
describe("POST /api/v1/chat/completions: checked after the schema", () => {
  it.each(BLANK_CONTENT)("the parser alone refuses a blank last message: %s", (_name, body) => {
    expect(accepts(parseCompletionRequest, body)).toBe(false);
    expect(schemaAccepts("ChatCompletionRequest", body)).toBe(true);
  });
});

describe.each([
  ["POST /api/v1/chat", "ChatRequest", parseChatApiBody, CHAT_VALID, CHAT_INVALID],
  [
    "POST /api/v1/chat/completions",
    "ChatCompletionRequest",
    parseCompletionRequest,
    COMPLETIONS_VALID,
    COMPLETIONS_INVALID,
  ],
] as const)("%s: the request schema and the parser agree", (_, schemaName, parse, valid, invalid) => {
  it.each(valid)("both accept: %s", (_name, body) => {
    expect(accepts(parse, body)).toBe(true);
    expect(schemaAccepts(schemaName, body)).toBe(true);
  });
  it.each(invalid)("both refuse: %s", (_name, body) => {
    expect(accepts(parse, body)).toBe(false);
    expect(schemaAccepts(schemaName, body)).toBe(false);
  });
});
