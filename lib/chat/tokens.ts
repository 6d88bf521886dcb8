/**
 * Token estimate used until a real tokenizer is wired in: ~4 characters a token, as the API
 * documents say. Used only when the upstream does not report its own usage.
 */
export const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function estimatePromptTokens(messages: readonly { content: string }[]): number {
  let total = 0;
  for (const m of messages) total += estimateTokens(m.content);
  return total;
}
