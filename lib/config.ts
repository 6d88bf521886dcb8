import { z } from "zod";

/** The model every install knows, as in the API documents. */
export const DEFAULT_MODEL = "llama-3.3-70b-versatile";

const csv = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((m) => m.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1));

const EnvSchema = z.object({
  CHAT_API_BASE_URL: z.url().default("http://127.0.0.1:4010/v1"),
  CHAT_API_KEY: z.string().optional(),
  CHAT_MODELS: csv.default([DEFAULT_MODEL]),
  CHAT_DEFAULT_MODEL: z.string().optional(),
  CHAT_FIRST_BYTE_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  CHAT_RECONNECT_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  CHAT_TITLE_MODEL: z.string().trim().optional(),
  /** Set by scripts/run.ts when it started the built-in offline upstream. */
  SPJ_LOCAL_UPSTREAM: z.enum(["0", "1"]).default("0"),
});

export interface ChatConfig {
  baseUrl: string;
  apiKey: string | undefined;
  models: string[];
  defaultModel: string;
  firstByteTimeoutMs: number;
  /**
   * How long a browser's answer goes on after its last reader left (lib/chat/active-runs.ts):
   * long enough for a reload to pick it up, short enough that a closed tab stops it soon.
   */
  reconnectGraceMs: number;
  /**
   * The model that titles new chats (lib/chat/title-generation.ts): unset = the cheapest
   * configured one, "none" = titles stay the first message's line.
   */
  titleModel: string | undefined;
  /** True when answers come from the offline demo upstream, so the UI can say so. */
  offlineDemo: boolean;
}

/**
 * Read on every call (it costs microseconds) so that tests and scripts can change the
 * environment without a process restart.
 */
export function chatConfig(): ChatConfig {
  const env = EnvSchema.parse(process.env);
  const models = env.CHAT_MODELS;
  const defaultModel =
    env.CHAT_DEFAULT_MODEL && models.includes(env.CHAT_DEFAULT_MODEL)
      ? env.CHAT_DEFAULT_MODEL
      : (models[0] ?? DEFAULT_MODEL);
  return {
    baseUrl: env.CHAT_API_BASE_URL.replace(/\/+$/, ""),
    apiKey: env.CHAT_API_KEY || undefined,
    models,
    defaultModel,
    firstByteTimeoutMs: env.CHAT_FIRST_BYTE_TIMEOUT_MS,
    reconnectGraceMs: env.CHAT_RECONNECT_GRACE_MS,
    titleModel: env.CHAT_TITLE_MODEL || undefined,
    offlineDemo: env.SPJ_LOCAL_UPSTREAM === "1",
  };
}
