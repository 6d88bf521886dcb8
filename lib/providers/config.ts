import { readFileSync } from "node:fs";
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { z } from "zod";
import { chatConfig } from "@/lib/config";
import { priceOf } from "@/lib/usage/pricing";
import { familyOf } from "@/lib/usage/tokens";
import type { Capability, ModelInfo } from "./types";

/**
 * The providers and models an install serves: the file named by `SPJ_PROVIDERS_FILE` (YAML or
 * JSON — YAML reads both, and knows where each value sits, so an error names its line), else
 * the one-provider shorthand of `CHAT_API_BASE_URL`/`CHAT_API_KEY`/`CHAT_MODELS`, else (offline)
 * the demo's two providers, one per wire format. The file holds key *names*, never keys.
 */

export const PROVIDER_TYPES = ["openai-compatible", "anthropic"] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

const DEFAULT_BASE_URL: Partial<Record<ProviderType, string>> = { anthropic: "https://api.anthropic.com/v1" };

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, "must be letters, digits and . _ : / - only");

const ProviderEntry = z
  .strictObject({
    id: Id,
    /** Shown in the model switcher and the admin page. */
    label: z.string().min(1).max(100).optional(),
    type: z.enum(PROVIDER_TYPES),
    baseUrl: z.url().optional(),
    /** The name of the environment variable holding the key (none for a local Ollama). */
    apiKeyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be the name of an environment variable, not a key")
      .optional(),
  })
  .refine((p) => p.baseUrl || DEFAULT_BASE_URL[p.type], { message: "baseUrl is required", path: ["baseUrl"] });

const TOKENIZERS = ["llama3", "o200k", "cl100k", "claude", "estimate"] as const;
const CAPABILITIES = ["vision", "tools", "json", "reasoning"] as const satisfies readonly Capability[];

const ModelEntry = z.strictObject({
  id: Id,
  label: z.string().min(1).max(100).optional(),
  provider: Id,
  upstreamModel: z.string().min(1).optional(),
  pricing: z
    .strictObject({ input: z.number().min(0), output: z.number().min(0) })
    .nullable()
    .default(null),
  contextWindow: z.number().int().positive().default(128_000),
  maxOutputTokens: z.number().int().positive().default(4096),
  capabilities: z.array(z.enum(CAPABILITIES)).default([]),
  tokenizer: z.enum(TOKENIZERS).optional(),
  fallbacks: z.array(Id).default([]),
});

const ProvidersFile = z
  .strictObject({
    providers: z.array(ProviderEntry).min(1),
    models: z.array(ModelEntry).min(1),
    defaultModel: Id.optional(),
  })
  .superRefine((file, ctx) => {
    const providerIds = new Set<string>();
    file.providers.forEach((p, i) => {
      if (providerIds.has(p.id))
        ctx.addIssue({ code: "custom", message: "duplicate provider id", path: ["providers", i, "id"] });
      providerIds.add(p.id);
    });
    const modelIds = new Set(file.models.map((m) => m.id));
    const seen = new Set<string>();
    file.models.forEach((m, i) => {
      if (seen.has(m.id)) ctx.addIssue({ code: "custom", message: "duplicate model id", path: ["models", i, "id"] });
      seen.add(m.id);
      if (!providerIds.has(m.provider)) {
        ctx.addIssue({ code: "custom", message: `no provider "${m.provider}"`, path: ["models", i, "provider"] });
      }
      m.fallbacks.forEach((f, j) => {
        if (!modelIds.has(f) || f === m.id) {
          ctx.addIssue({ code: "custom", message: `no other model "${f}"`, path: ["models", i, "fallbacks", j] });
        }
      });
    });
    if (file.defaultModel && !modelIds.has(file.defaultModel)) {
      ctx.addIssue({ code: "custom", message: `no model "${file.defaultModel}"`, path: ["defaultModel"] });
    }
  });

export interface ProviderConfig {
  id: string;
  label: string;
  type: ProviderType;
  /** Without a trailing slash. */
  baseUrl: string;
  apiKeyEnv?: string;
}

export interface ProvidersConfig {
  providers: ProviderConfig[];
  models: ModelInfo[];
  defaultModel: string;
}

/** A providers file that does not validate: the message names the file, the line and the field. */
export class ProvidersConfigError extends Error {
  override name = "ProvidersConfigError";
}

/** Parses and validates a providers file's text; `source` names it in errors. */
export function parseProvidersFile(text: string, source: string): ProvidersConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return source;
    const { line, col } = lineCounter.linePos(offset);
    return `${source}:${line}:${col}`;
  };
  const syntax = doc.errors[0];
  if (syntax) throw new ProvidersConfigError(`${at(syntax.pos[0])}: ${syntax.message.split("\n")[0]}`);
  const parsed = ProvidersFile.safeParse(doc.toJS());
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
      const where = path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${p}`)).join("");
      // An unknown key is shown where it is written, not where its object starts.
      const key = issue.code === "unrecognized_keys" ? issue.keys.slice(0, 1) : [];
      return `${at(offsetOf(doc.contents, [...path, ...key]))}: ${where || "file"}: ${issue.message}`;
    });
    throw new ProvidersConfigError(lines.join("\n"));
  }
  const file = parsed.data;
  return {
    providers: file.providers.map((p) => ({
      id: p.id,
      label: p.label ?? p.id,
      type: p.type,
      baseUrl: (p.baseUrl ?? DEFAULT_BASE_URL[p.type] ?? "").replace(/\/+$/, ""),
      apiKeyEnv: p.apiKeyEnv,
    })),
    models: file.models.map((m) => {
      const upstreamModel = m.upstreamModel ?? m.id;
      return { ...m, label: m.label ?? m.id, upstreamModel, tokenizer: m.tokenizer ?? tokenizerOf(upstreamModel) };
    }),
    defaultModel: file.defaultModel ?? (file.models[0]?.id as string),
  };
}

/**
 * Where a path's value starts in the document: the deepest node that exists (a missing key is
 * reported at the object that lacks it).
 */
function offsetOf(root: Node | null, path: (string | number)[]): number | undefined {
  let node: Node | null = root;
  let offset = root?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      node = (pair.value as Node | null) ?? null;
      offset = node?.range?.[0] ?? (pair.key as Node | null)?.range?.[0] ?? offset;
    } else if (isSeq(node)) {
      node = (node.items[key as number] as Node | undefined) ?? null;
      if (!node) break;
      offset = node.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}

/** The tokenizer a model name implies (lib/usage/tokens.ts families). */
export function tokenizerOf(upstreamModel: string): ModelInfo["tokenizer"] {
  const family = familyOf(upstreamModel);
  if (family === "llama-3" || family === "llama-3.1") return "llama3";
  if (family === "o200k_base") return "o200k";
  if (family === "cl100k_base") return "cl100k";
  return /claude/i.test(upstreamModel) ? "claude" : "estimate";
}

/** The offline demo's second model, served by the local upstream's Anthropic Messages API. */
export const OFFLINE_CLAUDE_MODEL = "claude-offline-demo";

/** Today's one-provider environment variables, as a providers config. */
function shorthand(): ProvidersConfig {
  const env = chatConfig();
  const provider = env.offlineDemo ? "spj-offline-demo" : hostLabel(env.baseUrl);
  const model = (id: string, providerId = provider, fallbacks: string[] = []): ModelInfo => ({
    id,
    label: id,
    provider: providerId,
    upstreamModel: id,
    pricing: priceOf(id),
    contextWindow: 128_000,
    maxOutputTokens: 8192,
    capabilities: [],
    tokenizer: tokenizerOf(id),
    fallbacks,
  });
  const providers: ProviderConfig[] = [
    { id: provider, label: provider, type: "openai-compatible", baseUrl: env.baseUrl, apiKeyEnv: "CHAT_API_KEY" },
  ];
  if (!env.offlineDemo) return { providers, models: env.models.map((id) => model(id)), defaultModel: env.defaultModel };
  // Offline, the same local server speaks both wire formats: the switcher shows two providers
  // and each model falls back to the other.
  providers[0] = { ...providers[0], label: "Offline demo (OpenAI format)" } as ProviderConfig;
  providers.push({
    id: "spj-offline-claude",
    label: "Offline demo (Anthropic format)",
    type: "anthropic",
    baseUrl: env.baseUrl,
    apiKeyEnv: "CHAT_API_KEY",
  });
  // The local server reads image parts as a vision model's provider would (and records them).
  const tools: Capability[] = ["tools", "reasoning", "vision"];
  const models = env.models.map((id) => ({
    ...model(id, provider, [OFFLINE_CLAUDE_MODEL]),
    label: env.models.length === 1 ? "Llama (offline demo)" : `${id} (offline demo)`,
    capabilities: tools,
  }));
  models.push({
    ...model(OFFLINE_CLAUDE_MODEL, "spj-offline-claude", [env.defaultModel]),
    label: "Claude-style (offline demo)",
    capabilities: tools,
  });
  return { providers, models, defaultModel: env.defaultModel };
}

/** "api.groq.com" → "groq": who answers, as seed 004's `provider` names it (an address stays whole). */
function hostLabel(baseUrl: string): string {
  const host = new URL(baseUrl).hostname;
  if (/^[\d.]+$|:|^\[/.test(host)) return host;
  return host.replace(/^api\./, "").split(".")[0] || host;
}

let cached: { key: string; config: ProvidersConfig } | null = null;

/**
 * The configuration in force. A file is read and validated once per path (at start, from
 * instrumentation.ts, so a bad file stops the server with its line); the shorthand follows the
 * environment, which tests change between files.
 */
export function providersConfig(): ProvidersConfig {
  const file = process.env.SPJ_PROVIDERS_FILE;
  const key = file
    ? `file:${file}`
    : `env:${process.env.CHAT_API_BASE_URL}|${process.env.CHAT_MODELS}|${process.env.CHAT_DEFAULT_MODEL}|${process.env.SPJ_LOCAL_UPSTREAM}|${process.env.CHAT_PRICING}`;
  if (cached?.key === key) return cached.config;
  let config: ProvidersConfig;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new ProvidersConfigError(`SPJ_PROVIDERS_FILE: cannot read ${file} (${(error as Error).message})`);
    }
    config = parseProvidersFile(text, file);
  } else config = shorthand();
  cached = { key, config };
  return config;
}
