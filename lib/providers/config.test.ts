import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProvidersConfigError, parseProvidersFile, providersConfig } from "./config";

const VALID = `providers:
  - id: groq
    type: openai-compatible
    baseUrl: https://api.groq.com/openai/v1
    apiKeyEnv: GROQ_API_KEY
  - id: anthropic
    type: anthropic
    apiKeyEnv: ANTHROPIC_API_KEY
models:
  - id: llama-3.3-70b-versatile
    provider: groq
    pricing: { input: 0.00059, output: 0.00079 }
    fallbacks: [claude-sonnet]
  - id: claude-sonnet
    label: Claude Sonnet
    provider: anthropic
    upstreamModel: claude-sonnet-4-5
    capabilities: [vision, tools]
defaultModel: claude-sonnet
`;

/** The error a file gets, as one string. */
function errorOf(text: string): string {
  try {
    parseProvidersFile(text, "providers.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(ProvidersConfigError);
    return (error as Error).message;
  }
  throw new Error("the file was accepted");
}

describe("the providers file", () => {
  it("reads providers and models, with defaults and the tokenizer their names imply", () => {
    const config = parseProvidersFile(VALID, "providers.yaml");
    expect(config.defaultModel).toBe("claude-sonnet");
    expect(config.providers[1]).toEqual({
      id: "anthropic",
      label: "anthropic",
      type: "anthropic",
      baseUrl: "https://api.anthropic.com/v1",
      apiKeyEnv: "ANTHROPIC_API_KEY",
    });
    expect(config.models).toEqual([
      {
        id: "llama-3.3-70b-versatile",
        label: "llama-3.3-70b-versatile",
        provider: "groq",
        upstreamModel: "llama-3.3-70b-versatile",
        pricing: { input: 0.00059, output: 0.00079 },
        contextWindow: 128_000,
        maxOutputTokens: 4096,
        capabilities: [],
        tokenizer: "llama3",
        fallbacks: ["claude-sonnet"],
      },
      expect.objectContaining({
        id: "claude-sonnet",
        label: "Claude Sonnet",
        upstreamModel: "claude-sonnet-4-5",
        tokenizer: "claude",
        pricing: null,
      }),
    ]);
  });

  it("reads the README's example: Groq, OpenAI, Anthropic and a local Ollama together", () => {
    const readme = readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
    const example = readme.split("## Providers and models")[1]?.match(/```yaml\n([\s\S]*?)```/)?.[1];
    const config = parseProvidersFile(example ?? "", "README.md");
    expect(config.providers.map((p) => [p.id, p.type, p.baseUrl, p.apiKeyEnv])).toEqual([
      ["groq", "openai-compatible", "https://api.groq.com/openai/v1", "GROQ_API_KEY"],
      ["openai", "openai-compatible", "https://api.openai.com/v1", "OPENAI_API_KEY"],
      ["anthropic", "anthropic", "https://api.anthropic.com/v1", "ANTHROPIC_API_KEY"],
      ["ollama", "openai-compatible", "http://127.0.0.1:11434/v1", undefined],
    ]);
    // Every provider serves a model, and the fallbacks cross providers.
    expect(new Set(config.models.map((m) => m.provider))).toEqual(new Set(["groq", "openai", "anthropic", "ollama"]));
    expect(config.models.find((m) => m.id === "claude-sonnet")?.fallbacks).toEqual(["gpt-4o-mini"]);
  });

  it("reads the same file written as JSON", () => {
    const json = JSON.stringify({
      providers: [{ id: "ollama", type: "openai-compatible", baseUrl: "http://127.0.0.1:11434/v1" }],
      models: [{ id: "llama3.2", provider: "ollama" }],
    });
    expect(parseProvidersFile(json, "providers.json").models[0]).toMatchObject({ id: "llama3.2", provider: "ollama" });
  });

  it.each([
    [
      "a type it does not know",
      VALID.replace("type: anthropic", "type: gemini"),
      "providers.yaml:7:11: providers[1].type: Invalid option",
    ],
    [
      "a key where the name of its variable goes",
      VALID.replace("apiKeyEnv: GROQ_API_KEY", "apiKeyEnv: gsk-abc123"),
      "providers.yaml:5:16: providers[0].apiKeyEnv: must be the name of an environment variable",
    ],
    [
      "a model of a provider that does not exist",
      VALID.replace("provider: groq", "provider: grok"),
      'providers.yaml:11:15: models[0].provider: no provider "grok"',
    ],
    [
      "a fallback that is not a model",
      VALID.replace("fallbacks: [claude-sonnet]", "fallbacks: [gpt-5]"),
      'providers.yaml:13:17: models[0].fallbacks[0]: no other model "gpt-5"',
    ],
    [
      "a negative price",
      VALID.replace("input: 0.00059", "input: -1"),
      "providers.yaml:12:23: models[0].pricing.input: Too small",
    ],
    [
      "an unknown field",
      VALID.replace("    capabilities: [vision, tools]", "    capabilites: [vision]"),
      'providers.yaml:18:18: models[1]: Unrecognized key: "capabilites"',
    ],
    [
      "a missing field, at the object that lacks it",
      VALID.replace("    provider: anthropic\n", ""),
      "providers.yaml:14:5: models[1].provider: Invalid input",
    ],
    [
      "a default model that is not configured",
      VALID.replace("defaultModel: claude-sonnet", "defaultModel: claude"),
      'providers.yaml:19:15: defaultModel: no model "claude"',
    ],
    ["a syntax error", VALID.replace("  - id: anthropic", "  - id: [anthropic"), "providers.yaml:7:5: Flow sequence"],
  ])("names the line of %s", (_, text, expected) => {
    expect(errorOf(text)).toContain(expected);
  });
});

describe("the configuration in force", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is the one-provider shorthand without a file, its key named and never read here", () => {
    vi.stubEnv("SPJ_PROVIDERS_FILE", undefined);
    vi.stubEnv("SPJ_LOCAL_UPSTREAM", "0");
    vi.stubEnv("CHAT_API_BASE_URL", "https://api.groq.com/openai/v1");
    vi.stubEnv("CHAT_API_KEY", "gsk-secret");
    vi.stubEnv("CHAT_MODELS", "llama-3.3-70b-versatile,llama-3.1-8b-instant");
    vi.stubEnv("CHAT_DEFAULT_MODEL", "llama-3.1-8b-instant");
    const config = providersConfig();
    expect(config.providers).toEqual([
      {
        id: "groq",
        label: "groq",
        type: "openai-compatible",
        baseUrl: "https://api.groq.com/openai/v1",
        apiKeyEnv: "CHAT_API_KEY",
      },
    ]);
    expect(config.models.map((m) => [m.id, m.provider, m.pricing?.input])).toEqual([
      ["llama-3.3-70b-versatile", "groq", 0.00059],
      ["llama-3.1-8b-instant", "groq", 0.00005],
    ]);
    expect(config.defaultModel).toBe("llama-3.1-8b-instant");
    expect(JSON.stringify(config)).not.toContain("gsk-secret");
  });

  it("is two providers, one per wire format, in the offline demo", () => {
    vi.stubEnv("SPJ_PROVIDERS_FILE", undefined);
    vi.stubEnv("SPJ_LOCAL_UPSTREAM", "1");
    vi.stubEnv("CHAT_MODELS", undefined);
    vi.stubEnv("CHAT_API_BASE_URL", "http://127.0.0.1:4010/v1");
    const config = providersConfig();
    expect(config.providers.map((p) => [p.id, p.type])).toEqual([
      ["spj-offline-demo", "openai-compatible"],
      ["spj-offline-claude", "anthropic"],
    ]);
    expect(config.models.map((m) => [m.label, m.fallbacks])).toEqual([
      ["Llama (offline demo)", ["claude-offline-demo"]],
      ["Claude-style (offline demo)", ["llama-3.3-70b-versatile"]],
    ]);
  });

  it("refuses to start on a file it cannot read, naming the variable", () => {
    vi.stubEnv("SPJ_PROVIDERS_FILE", "/nonexistent/providers.yaml");
    expect(() => providersConfig()).toThrow(/SPJ_PROVIDERS_FILE: cannot read \/nonexistent\/providers.yaml/);
  });
});
