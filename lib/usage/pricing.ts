import { z } from "zod";

/**
 * Prices per 1K tokens (seed 003's shape), as configuration: `CHAT_PRICING` is a JSON object
 * `{"model": {"input": 0.00059, "output": 0.00079}}` merged over these defaults. A model with
 * no price is "unpriced" (null), never $0.
 */
export interface Price {
  input: number;
  output: number;
}

// Groq's list prices for the default model ($0.59 / $0.79 per 1M tokens).
const DEFAULT_PRICES: Record<string, Price> = {
  "llama-3.3-70b-versatile": { input: 0.00059, output: 0.00079 },
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

/** Cost in dollars, or null when the model is unpriced. */
export function costOf(model: string, promptTokens: number, completionTokens: number): number | null {
  const price = priceOf(model);
  if (!price) return null;
  return Math.round(((promptTokens / 1000) * price.input + (completionTokens / 1000) * price.output) * 1e8) / 1e8;
}
