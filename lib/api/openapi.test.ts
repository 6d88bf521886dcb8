import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { API_KEY_PREFIX } from "@/lib/auth/api-keys";
import { AppError, type ErrorCode } from "@/lib/errors";
import { parseChatApiBody } from "./chat-body";
import { parseCompletionRequest } from "./completions";
import { openAiError } from "./errors";
import { type ResponseObject, resolveRef } from "./openapi";
import { doc, matches, one, schemaOf, user, validator } from "./openapi-testing";

/**
 * The OpenAPI document on its own and against the implementation's files: its validity, the
 * route files, and the request parsers. No database (this is the unit project); the responses
 * and errors of the real route handlers are checked in openapi.db.test.ts, against real databases.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");

// ---------- The document itself ----------

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validatorResult = await new Validator().validate(JSON.parse(JSON.stringify(doc)));
    expect(validatorResult.errors).toBeUndefined();
    expect(validatorResult.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/" })]);
  });

  it("has schemas JSON Schema 2020-12 accepts in strict mode, and examples that match them", () => {
    for (const name of Object.keys(doc.components.schemas)) expect(() => validator(schemaOf(name))).not.toThrow();
    for (const [pathName, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const media = [
          ...Object.values(op.requestBody?.content ?? {}),
          ...Object.values(op.responses).flatMap((r) =>
            Object.values(resolveRef<ResponseObject>(doc, r).content ?? {}),
          ),
        ];
        for (const m of media) {
          for (const [name, example] of Object.entries(m.examples ?? {})) {
            expect(matches(m.schema, example.value), `${method} ${pathName} example ${name}`).toBe(true);
          }
        }
      }
    }
  });

  it("resolves every $ref", () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(() => resolveRef(doc, JSON.parse(`{${r}}`))).not.toThrow();
  });

  it("names the key prefix the server checks", () => {
    expect(doc.components.securitySchemes.bearerAuth?.bearerFormat).toBe(`${API_KEY_PREFIX}…`);
  });
});

// ---------- Routes on disk ----------

const NEXT_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"] as const;

/** Every `route.ts` under app/, with the URL path Next serves it at. */
function routeFiles(): { file: string; url: string }[] {
  const out: { file: string; url: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
        const segments = path
          .relative(path.join(ROOT, "app"), dir)
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"))
          .map((s) => s.replace(/^\[(?:\.\.\.)?\[?(?:\.\.\.)?([^\]]+)\]?\]$/, "{$1}"));
        out.push({ file: full, url: `/${segments.join("/")}` });
      }
    }
  };
  walk(path.join(ROOT, "app"));
  return out;
}

async function exportedMethods(file: string): Promise<string[]> {
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
  return NEXT_METHODS.filter((m) => typeof mod[m] === "function");
}

describe("the document and the route files", () => {
  const routes = routeFiles();

  it("finds the route files", () => {
    expect(routes.map((r) => r.url)).toEqual(expect.arrayContaining(["/api/v1/chat", "/api/v1/openapi.json"]));
  });

  it("documents only paths and methods that a route file exports", async () => {
    for (const [pathName, item] of Object.entries(doc.paths)) {
      const route = routes.find((r) => r.url === pathName);
      expect(route, `no route file serves ${pathName}`).toBeDefined();
      const methods = await exportedMethods(route?.file ?? "");
      for (const method of Object.keys(item)) expect(methods, `${pathName}`).toContain(method.toUpperCase());
    }
  });

  it("documents every route under app/api/v1, with every method it exports", async () => {
    const publicRoutes = routes.filter((r) => r.url.startsWith("/api/v1/"));
    expect(publicRoutes.length).toBeGreaterThanOrEqual(4);
    for (const route of publicRoutes) {
      const item = doc.paths[route.url];
      expect(item, `${path.relative(ROOT, route.file)} (${route.url}) is not documented`).toBeDefined();
      const documentedMethods = Object.keys(item ?? {}).map((m) => m.toUpperCase());
      expect((await exportedMethods(route.file)).sort(), route.url).toEqual(documentedMethods.sort());
    }
  });

  it("asks for a key exactly where the route authenticates", () => {
    for (const [pathName, item] of Object.entries(doc.paths)) {
      for (const op of Object.values(item)) {
        const open = pathName === "/api/v1/openapi.json";
        expect(op.security, pathName).toEqual(open ? [] : [{ bearerAuth: [] }]);
        if (!open) expect(Object.keys(op.responses), pathName).toContain("401");
      }
    }
  });
});

// ---------- Request schemas against the parsers ----------

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
  ["validation: empty content string", { messages: [user("")] }],
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
  ["content an array of parts", { messages: [user([{ type: "text", text: "Hi" }])] }],
  ["content whitespace", { messages: [user(" \n\t ")] }],
  ["content a no-break space", { messages: [user("\u00a0")] }],
  ["content a byte-order mark", { messages: [user("\ufeff")] }],
  ["an earlier empty message", { messages: [user(""), user("ok")] }],
  ["name too long", { messages: [{ ...user("Hi"), name: "n".repeat(65) }] }],
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

/**
 * What JSON Schema cannot say the way the parsers do, each with a body on which the two differ.
 * (Rules checked after parsing against server state — the plan's limits, the models offered, a
 * conversation's existence — are not the schema's business; the document describes them.)
 */
const KNOWN_GAPS: { rule: string; body: unknown; schema: boolean; parser: boolean }[] = [
  {
    rule: "String lengths: the parser counts UTF-16 code units, JSON Schema counts code points, so they differ on characters outside the BMP (emoji).",
    body: { messages: [{ ...user("Hi"), name: "😀".repeat(40) }] },
    schema: true,
    parser: false,
  },
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
  it.each(KNOWN_GAPS)("differ only as listed: $rule", ({ body, schema, parser }) => {
    expect(schemaAccepts(schemaName, body)).toBe(schema);
    expect(accepts(parse, body)).toBe(parser);
  });
});

describe("the OpenAI error shape", () => {
  it("covers every error code the server has", async () => {
    const codes = {
      invalid_request: true,
      unauthenticated: true,
      forbidden: true,
      not_found: true,
      conflict: true,
      quota_exceeded: true,
      rate_limited: true,
      upstream_failed: true,
      upstream_overloaded: true,
      upstream_misconfigured: true,
      unavailable: true,
      internal: true,
    } satisfies Record<ErrorCode, true>;
    for (const code of Object.keys(codes) as ErrorCode[]) {
      const json = await openAiError(new AppError(code, "x")).json();
      expect(matches(schemaOf("OpenAIErrorResponse"), json), code).toBe(true);
    }
  });
});
