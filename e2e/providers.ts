import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { E2E } from "./env";

/**
 * The e2e install's providers file (SPJ_PROVIDERS_FILE): the local upstream configured twice, once
 * per wire format, as an operator would configure OpenAI and Anthropic side by side. The two Llama
 * ids are the ones the specs name; the 8B one has no vision, so a test can attach an image to a
 * model that cannot see it.
 */
export const E2E_PROVIDERS = {
  openai: { id: "local-openai", label: "Local upstream (OpenAI format)" },
  anthropic: { id: "local-anthropic", label: "Local upstream (Anthropic format)" },
} as const;

export const E2E_MODEL_IDS = {
  default: "llama-3.3-70b-versatile",
  small: "llama-3.1-8b-instant",
  claude: "claude-haiku-4-5",
} as const;

/** Every model the local upstream serves, in the file's (and the switcher's) order. */
export const E2E_MODELS = Object.values(E2E_MODEL_IDS);

/** Each provider reads the same upstream key from its own variable, as two real providers would. */
export const E2E_KEY_ENV = { openai: "CHAT_API_KEY", anthropic: "E2E_ANTHROPIC_API_KEY" } as const;

const providersFile = {
  providers: [
    {
      ...E2E_PROVIDERS.openai,
      type: "openai-compatible",
      baseUrl: `${E2E.upstreamUrl}/v1`,
      apiKeyEnv: E2E_KEY_ENV.openai,
    },
    {
      ...E2E_PROVIDERS.anthropic,
      type: "anthropic",
      baseUrl: `${E2E.upstreamUrl}/v1`,
      apiKeyEnv: E2E_KEY_ENV.anthropic,
    },
  ],
  models: [
    {
      id: E2E_MODEL_IDS.default,
      provider: E2E_PROVIDERS.openai.id,
      pricing: { input: 0.00059, output: 0.00079 },
      contextWindow: 131_072,
      maxOutputTokens: 32_768,
      capabilities: ["vision", "tools"],
    },
    {
      id: E2E_MODEL_IDS.small,
      provider: E2E_PROVIDERS.openai.id,
      pricing: { input: 0.00005, output: 0.00008 },
      contextWindow: 131_072,
      maxOutputTokens: 8192,
      capabilities: ["tools"],
    },
    {
      id: E2E_MODEL_IDS.claude,
      provider: E2E_PROVIDERS.anthropic.id,
      pricing: { input: 0.001, output: 0.005 },
      contextWindow: 200_000,
      maxOutputTokens: 8192,
      capabilities: ["vision", "tools"],
    },
  ],
  defaultModel: E2E_MODEL_IDS.default,
};

/**
 * Writes the file for this app port (two checkouts may run e2e side by side) and returns its
 * path. Playwright loads its config in every worker: the file is rewritten only when it changed,
 * so a running server never reads it half written.
 */
export function writeE2eProvidersFile(): string {
  const path = `data/e2e-providers-${E2E.appPort}.json`;
  const text = `${JSON.stringify(providersFile, null, 2)}\n`;
  let current: string | null = null;
  try {
    current = readFileSync(path, "utf8");
  } catch {
    // Not written yet.
  }
  if (current !== text) {
    mkdirSync("data", { recursive: true });
    writeFileSync(path, text);
  }
  return path;
}
