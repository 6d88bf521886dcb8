import { z } from "zod";

/**
 * Prices per 1K tokens (seed 003's shape). A providers file gives each model's price; with the
 * one-provider shorthand, `CHAT_PRICING` is a JSON object `{"model": {"input": 0.00059, "output":
 * 0.00079}}` merged over these defaults. A model with no price is "unpriced" (null), never $0.
 */
export interface Price {
  input: number;
  output: number;
}

// Providers' list prices per 1M tokens: Groq's Llama 3.3 70B ($0.59 / $0.79) and 3.1 8B ($0.05 /
// $0.08), OpenAI's GPT-4o mini ($0.15 / $0.60).
const DEFAULT_PRICES: Record<string, Price> = {
  "llama-3.3-70b-versatile": { input: 0.00059, output: 0.00079 },
  "llama-3.1-8b-instant": { input: 0.00005, output: 0.00008 },
  "gpt-4o-mini": { input: 0.00015, output: 0.0006 },
};

const PricingSchema = z.record(z.string(), z.object({ input: z.number().min(0), output: z.number().min(0) }));

function configuredPrices(): Record<string, Price> {
  const raw = process.env.CHAT_PRICING;
  if (!raw) return {};
  try {
    return PricingSchema.parse(JSON.parse(raw));
  } catch {
    console.error("CHAT_PRICING is not a valid price table; using the defaults");
    return {};
  }
}

export function priceOf(model: string): Price | null {
  return configuredPrices()[model] ?? DEFAULT_PRICES[model] ?? null;
}

/** Cost in dollars at a model's price, or null when the model is unpriced. */
export function costOf(price: Price | null, promptTokens: number, completionTokens: number): number | null {
  if (!price) return null;
  return Math.round(((promptTokens / 1000) * price.input + (completionTokens / 1000) * price.output) * 1e8) / 1e8;
}
