// Deterministic fake LLM answers for the local upstream. The output is plain
// Markdown (heading, quote, list, fenced code) so the UI's renderer gets
// exercised the same way a real model answer would exercise it.

export type ChatMessage = { role: string; content: string };

const TITLES = ["A quick take on", "Notes on", "Thinking about", "Short answer:"];
const INTROS = [
  "Here is a compact, deterministic answer produced by the local upstream.",
  "This reply comes from the offline demo provider, so it is always the same for the same question.",
  "The local provider does not think, but it answers consistently and in Markdown.",
];
const BULLETS = [
  "Break the problem into small, testable steps.",
  "Prefer explicit types over clever inference.",
  "Measure before optimising anything.",
  "Keep side effects at the edges of the program.",
  "Write the failing test first, then the fix.",
  "Name things after what they mean, not how they work.",
  "Stream results early instead of buffering them.",
];
const CLOSINGS = [
  "Hope that helps. Ask a follow-up if anything is unclear.",
  "That is all for now; feel free to dig deeper.",
  "Let me know if you want a longer explanation.",
];

// FNV-1a: tiny, stable across runs and platforms, good enough to pick variants.
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function pick<T>(list: readonly T[], seed: number): T {
  return list[seed % list.length] as T;
}

export function demoAnswer(messages: ChatMessage[]): string {
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  // Backticks are replaced so a question can never close our code fence.
  const question = (lastUser?.content ?? "").replace(/\s+/g, " ").replace(/`/g, "'").trim();
  const h = hash(question);
  const quote = question.length > 80 ? `${question.slice(0, 77)}...` : question;
  const topic =
    question
      .split(" ")
      .slice(0, 6)
      .join(" ")
      .replace(/[#*_[\]<>]/g, "") || "your question";
  // BULLETS has a prime length, so stepping by 3 yields three distinct items.
  const bullets = [0, 1, 2].map((i) => `- ${pick(BULLETS, (h % BULLETS.length) + i * 3)}`);
  const words = question ? question.split(" ").length : 0;

  return [
    `## ${pick(TITLES, h)} ${topic}`,
    "",
    `You asked: "${quote || "nothing in particular"}". ${pick(INTROS, h >>> 3)}`,
    "",
    ...bullets,
    "",
    "```ts",
    `const question = ${JSON.stringify(quote)};`,
    `const words = ${words};`,
    "export function fingerprint(): string {",
    `  return \`\${words}-${h.toString(16)}\`;`,
    "}",
    "```",
    "",
    pick(CLOSINGS, h >>> 7),
  ].join("\n");
}

// Token-like pieces: each newline alone, otherwise a word with its leading
// spaces, plus any trailing run of spaces. The regex covers every character,
// so joining the pieces always gives back the exact text.
export function splitIntoChunks(text: string): string[] {
  return text.match(/\n|[^\S\n]*\S+|[^\S\n]+/g) ?? [];
}
