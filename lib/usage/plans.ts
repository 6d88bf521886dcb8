/**
 * Plans as data (seed 004's trial/core/enterprise, plus the self-hosted default). A workspace
 * names its plan; code only ever reads limits from here.
 */
export interface Plan {
  id: string;
  name: string;
  /** Tokens (prompt + completion) a workspace may use per calendar month. */
  monthlyTokens: number;
  /** Upper bound of max_tokens (answer length) per request. */
  maxTokens: number;
  /** Messages a single request may send. */
  maxMessages: number;
  /** Characters of the whole prompt sent upstream. */
  maxPromptChars: number;
  /** Characters of one message. */
  maxMessageChars: number;
  requestsPerMinute: number;
  tokensPerMinute: number;
}

export const PLANS = {
  trial: {
    id: "trial",
    name: "Trial",
    monthlyTokens: 100_000,
    maxTokens: 500,
    maxMessages: 10,
    maxPromptChars: 1_000,
    maxMessageChars: 1_000,
    requestsPerMinute: 10,
    tokensPerMinute: 10_000,
  },
  core: {
    id: "core",
    name: "Core",
    monthlyTokens: 2_000_000,
    maxTokens: 2_000,
    maxMessages: 50,
    maxPromptChars: 4_000,
    maxMessageChars: 4_000,
    requestsPerMinute: 60,
    tokensPerMinute: 100_000,
  },
  enterprise: {
    id: "enterprise",
    name: "Enterprise",
    monthlyTokens: 20_000_000,
    maxTokens: 4_000,
    maxMessages: 100,
    maxPromptChars: 8_000,
    maxMessageChars: 8_000,
    requestsPerMinute: 600,
    tokensPerMinute: 1_000_000,
  },
  // The default of a self-hosted install: seed 001's practical limits per message, and room for
  // long browser conversations (their stored history is trimmed to fit, never refused).
  "self-hosted": {
    id: "self-hosted",
    name: "Self-hosted",
    monthlyTokens: 10_000_000,
    maxTokens: 4_096,
    maxMessages: 200,
    maxPromptChars: 100_000,
    maxMessageChars: 10_000,
    requestsPerMinute: 120,
    tokensPerMinute: 400_000,
  },
} as const satisfies Record<string, Plan>;

export type PlanId = keyof typeof PLANS;
export const DEFAULT_PLAN: PlanId = "self-hosted";

export function planOf(id: string): Plan {
  return PLANS[id as PlanId] ?? PLANS[DEFAULT_PLAN];
}

export function isPlanId(id: string): id is PlanId {
  return id in PLANS;
}
