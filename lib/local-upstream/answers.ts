// Deterministic fake LLM answers for the local upstream. The output is plain
// Markdown (heading, quote, list, fenced code) so the UI's renderer gets
// exercised the same way a real model answer would exercise it.

export type ChatMessage = { role: string; content: string; imageTokens?: number };

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

/**
 * A title request's answer (lib/chat/title.ts): the first words of the conversation's question,
 * wrapped in Markdown bold and ended with a period as small models often do, so the app's
 * cleaning shows.
 */
export function demoTitle(request: string): string {
  const question = /^User: (.*)$/m.exec(request)?.[1] ?? "";
  const words = question
    .replace(/[#*_`[\]<>]/g, "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8);
  return `**${words.join(" ") || "A new chat"}**.`;
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

const TOPICS = ["caching", "retries", "pagination", "streaming", "indexes", "queues", "timeouts", "logging"];

/** One section of a long answer: prose, a list, a table or a code block, by turn. */
function section(i: number, seed: number): string {
  const topic = pick(TOPICS, seed + i);
  const bullets = [0, 1, 2, 3].map((k) => `${k + 1}. ${pick(BULLETS, seed + i + k * 3)}`);
  const body = [
    `${pick(INTROS, seed + i)} When it comes to ${topic}, ${pick(BULLETS, seed + i).toLowerCase()} ${pick(CLOSINGS, seed + i * 7)}`,
    bullets.join("\n"),
    `| Step | What | Why |\n|---|---|---|\n${bullets.map((b, k) => `| ${k + 1} | ${topic} | ${b.slice(3)} |`).join("\n")}`,
    `\`\`\`ts\nexport function ${topic}Step${i}(input: number[]): number {\n  // ${pick(BULLETS, seed + i + 1)}\n  return input.reduce((sum, n) => sum + n * ${i + 1}, 0);\n}\n\`\`\``,
  ][i % 4];
  return `### ${i + 1}. On ${topic}\n\n${body}`;
}

/** A long Markdown answer of at least `tokens` tokens (as `count` counts them), for benchmarks. */
export function longAnswer(messages: ChatMessage[], tokens: number, count: (text: string) => number): string {
  const seed = hash(messages.at(-1)?.content ?? "");
  const parts = [demoAnswer(messages)];
  let i = 0;
  const grow = () => parts.push(`\n\n${section(i++, seed)}`);
  // Summing the parts' counts is quick; the whole text counts a little lower (tokens merge
  // across the joins), so it is checked at the end.
  for (let total = count(parts[0] as string); total < tokens; total += count(parts.at(-1) as string)) grow();
  while (count(parts.join("")) < tokens) grow();
  return parts.join("");
}

// Token-like pieces: each newline alone, otherwise a word with its leading
// spaces, plus any trailing run of spaces. The regex covers every character,
// so joining the pieces always gives back the exact text.
export function splitIntoChunks(text: string): string[] {
  return text.match(/\n|[^\S\n]*\S+|[^\S\n]+/g) ?? [];
}
