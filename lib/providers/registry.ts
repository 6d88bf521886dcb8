import { AppError } from "@/lib/errors";
import { anthropicAdapter } from "./anthropic";
import { type ProviderConfig, type ProvidersConfig, providersConfig } from "./config";
import { openAiCompatibleAdapter } from "./openai-compatible";
import type { ModelInfo, ProviderAdapter } from "./types";

/**
 * The configured models by public id and an adapter per provider: the only way the app finds
 * who serves a model. Keys stay in the environment; nothing here carries one.
 */

const adapters = new WeakMap<ProvidersConfig, Map<string, ProviderAdapter>>();

/** Every configured model, in the providers file's order (the UI and `/api/v1/models`). */
export function listModels(): ModelInfo[] {
  return providersConfig().models;
}

/** Every configured provider, without anything secret (the key's variable name at most). */
export function listProviders(): ProviderConfig[] {
  return providersConfig().providers;
}

export function defaultModelId(): string {
  return providersConfig().defaultModel;
}

export function modelInfo(id: string): ModelInfo | null {
  return providersConfig().models.find((m) => m.id === id) ?? null;
}

/** The model a request names (the default when it names none); 400 naming the choices otherwise. */
export function resolveModel(requested: string | undefined): ModelInfo {
  const config = providersConfig();
  const id = requested ?? config.defaultModel;
  const model = config.models.find((m) => m.id === id);
  if (!model) {
    const available = config.models.map((m) => m.id).join(", ");
    throw new AppError("invalid_request", `Unknown model "${requested}". Available models: ${available}`);
  }
  return model;
}

/** A conversation's stored model while it is still configured; the default otherwise. */
export function usableModel(stored: string | null | undefined): ModelInfo {
  return (stored ? modelInfo(stored) : null) ?? resolveModel(undefined);
}

/** The model, then its fallbacks in order: who is tried when the one before fails before its first byte. */
export function fallbackChain(model: ModelInfo): ModelInfo[] {
  const chain = [model];
  for (const id of model.fallbacks) {
    const next = modelInfo(id);
    if (next && !chain.includes(next)) chain.push(next);
  }
  return chain;
}

/** The adapter of the provider that serves a model. */
export function adapterFor(model: ModelInfo): ProviderAdapter {
  const config = providersConfig();
  let byProvider = adapters.get(config);
  if (!byProvider) {
    byProvider = new Map();
    adapters.set(config, byProvider);
  }
  let adapter = byProvider.get(model.provider);
  if (!adapter) {
    const provider = config.providers.find((p) => p.id === model.provider);
    if (!provider) throw new AppError("internal", `No provider "${model.provider}"`);
    adapter = provider.type === "anthropic" ? anthropicAdapter(provider) : openAiCompatibleAdapter(provider);
    byProvider.set(model.provider, adapter);
  }
  return adapter;
}
