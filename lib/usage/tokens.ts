import type { TokenSource } from "@/lib/db/enums";
import type { ModelInfo } from "@/lib/providers/types";

/**
 * Token counting for when the upstream reports no usage (a stopped or cut answer, a provider that
 * sends none): the model family's own tokenizer and chat template — Llama 3's for `llama-3.*`,
 * tiktoken's for GPT models, both shipped inside npm packages — and ~4 characters a token only
 * for unknown families. The tokenizers load on first use (about a second each), so the server
 * preloads the configured models' at start (instrumentation.ts), off every request's path.
 */

export interface PromptMessage {
  role: string;
  content: string;
  name?: string;
  /** The images the message carries, as their estimated tokens (lib/files/image-tokens.ts). */
  imageTokens?: number;
}

export interface TokenCounter {
  source: Exclude<TokenSource, "REPORTED">;
  /** Tokens of plain text (an answer). */
  text(text: string): number;
  /** Tokens of the whole prompt as the provider builds it: the chat template around the messages. */
  prompt(messages: readonly PromptMessage[]): number;
  /** The end-of-turn token a finished answer ends with; providers bill it as a completion token. */
  endOfTurn: number;
}

/** ~4 characters a token, as the API documents say. */
export const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function estimatePromptTokens(messages: readonly { content: string; imageTokens?: number }[]): number {
  let total = 0;
  for (const m of messages) total += estimateTokens(m.content) + (m.imageTokens ?? 0);
  return total;
}

/**
 * Upper bounds of the chat templates' overhead, for quota reservations made before any counting:
 * per message Llama 3 adds 5 special/format tokens plus the role, GPT 3 plus role and name; per
 * prompt Llama 3.1+ adds its system block with the knowledge-cutoff preamble (25 tokens) and the
 * answer's header.
 */
export const TEMPLATE_TOKENS_PER_MESSAGE = 8;
export const TEMPLATE_TOKENS_PER_PROMPT = 40;

const estimating: TokenCounter = {
  source: "ESTIMATED",
  text: estimateTokens,
  prompt: estimatePromptTokens,
  endOfTurn: 0,
};

type Family = "llama-3" | "llama-3.1" | "o200k_base" | "cl100k_base";

/** The tokenizer family of a model id such as `llama-3.3-70b-versatile` or `openai/gpt-4o-mini`. */
export function familyOf(model: string): Family | null {
  const name = (model.split("/").at(-1) ?? model).toLowerCase();
  if (/llama-?3\.\d/.test(name)) return "llama-3.1";
  if (/llama-?3(?![.\d])/.test(name)) return "llama-3";
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o[134](-|$))/.test(name)) return "o200k_base";
  if (/^(gpt-4|gpt-3\.5)/.test(name)) return "cl100k_base";
  return null;
}

// On globalThis: the Next bundle's copy of this module and the lean door's (lib/api/lean-door.ts)
// share one tokenizer per family, tens of MB each, instead of loading it twice.
const holder = globalThis as { spjTokenCounters?: Map<Family, Promise<TokenCounter>> };
holder.spjTokenCounters ??= new Map();
const loaded = holder.spjTokenCounters;

/** A configured model's tokenizer: the family its entry names (Llama 3.0 or 3.1+ from its name). */
function familyOfModel(model: Pick<ModelInfo, "tokenizer" | "upstreamModel">): Family | null {
  switch (model.tokenizer) {
    case "llama3":
      return familyOf(model.upstreamModel) === "llama-3" ? "llama-3" : "llama-3.1";
    case "o200k":
      return "o200k_base";
    case "cl100k":
      return "cl100k_base";
    default:
      // Anthropic publishes no tokenizer: its models are estimated when they report nothing.
      return null;
  }
}

/**
 * The counter for a model (a configured entry, or a bare name whose family is guessed): its
 * family's tokenizer (loaded once per process), or the estimate.
 */
export function tokenCounterFor(model: string | Pick<ModelInfo, "tokenizer" | "upstreamModel">): Promise<TokenCounter> {
  const family = typeof model === "string" ? familyOf(model) : familyOfModel(model);
  if (!family) return Promise.resolve(estimating);
  let counter = loaded.get(family);
  if (!counter) {
    counter =
      family === "llama-3" || family === "llama-3.1" ? llamaCounter(family === "llama-3.1") : tiktokenCounter(family);
    // A failed load is retried next time rather than remembered.
    counter.catch(() => loaded.delete(family));
    loaded.set(family, counter);
  }
  return counter;
}

export async function preloadTokenizers(
  models: readonly Pick<ModelInfo, "tokenizer" | "upstreamModel">[],
): Promise<void> {
  await Promise.all(models.map(tokenCounterFor));
}

// Meta's Llama 3.1 template (used by 3.1, 3.2 and 3.3) always opens with a system block carrying
// this preamble; `date_string` defaults to 26 Jul 2024 when the server passes none.
const LLAMA_31_PREAMBLE = "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n";

async function llamaCounter(withPreamble: boolean): Promise<TokenCounter> {
  const { default: tokenizer } = await import("llama3-tokenizer-js");
  const text = (s: string) => tokenizer.encode(s, { bos: false, eos: false }).length;
  // `<|start_header_id|>{role}<|end_header_id|>\n\n{body}<|eot_id|>`: 3 special tokens, the role,
  // and the text after the header (the "\n\n" joins it, as in the rendered template).
  const block = (role: string, body: string) => 3 + text(role) + text(`\n\n${body}`);
  return {
    source: "TOKENIZER",
    text,
    endOfTurn: 1,
    prompt(messages) {
      let rest = messages;
      let total = 1; // <|begin_of_text|>
      if (withPreamble) {
        const system = messages[0]?.role === "system" ? messages[0].content : "";
        if (messages[0]?.role === "system") rest = messages.slice(1);
        total += block("system", `${LLAMA_31_PREAMBLE}${system.trim()}`);
      }
      for (const m of rest) total += block(m.role, m.content.trim()) + (m.imageTokens ?? 0);
      // The generation prompt: `<|start_header_id|>assistant<|end_header_id|>\n\n`.
      return total + 2 + text("assistant") + text("\n\n");
    },
  };
}

async function tiktokenCounter(encoding: "o200k_base" | "cl100k_base"): Promise<TokenCounter> {
  const { Tiktoken } = await import("js-tiktoken/lite");
  const ranks =
    encoding === "o200k_base"
      ? (await import("js-tiktoken/ranks/o200k_base")).default
      : (await import("js-tiktoken/ranks/cl100k_base")).default;
  const tiktoken = new Tiktoken(ranks);
  const text = (s: string) => tiktoken.encode(s).length;
  return {
    source: "TOKENIZER",
    text,
    endOfTurn: 0,
    // OpenAI's published accounting: 3 tokens a message, 1 more with a name, 3 to prime the reply.
    prompt(messages) {
      let total = 3;
      for (const m of messages) {
        total += 3 + text(m.role) + text(m.content) + (m.name ? 1 + text(m.name) : 0) + (m.imageTokens ?? 0);
      }
      return total;
    },
  };
}

export interface CountedUsage {
  promptTokens: number;
  completionTokens: number;
  source: TokenCounter["source"];
}

/**
 * Our own count of a call's usage: the prompt as the provider templated it, and the answer —
 * with its end-of-turn token when the model finished on its own.
 */
export async function countUsage(
  model: string | Pick<ModelInfo, "tokenizer" | "upstreamModel">,
  messages: readonly PromptMessage[],
  answer: string,
  finished: boolean,
): Promise<CountedUsage> {
  const counter = await tokenCounterFor(model);
  return {
    promptTokens: counter.prompt(messages),
    completionTokens: counter.text(answer) + (finished ? counter.endOfTurn : 0),
    source: counter.source,
  };
}
