const MAX_TITLE = 60;
/** How much of the question and of the answer the title model reads: a title needs only the gist. */
const EXCERPT_CHARS = 1_000;

/**
 * The first words of every title request: the whole instruction sits in the user message (no
 * system prompt), so it reads the same to every provider, and the local upstream knows a title
 * request by it.
 */
export const TITLE_INSTRUCTION = "Write a title for the conversation below.";

/** A sidebar title from the first message: its first line without Markdown, cut at a word near 60 characters. */
export function titleFrom(text: string): string {
  return capped(plainFirstLine(text)) || "New chat";
}

/**
 * A title model's answer as the sidebar shows it: like a first message's line, and without the
 * wrapping quotes, the "Title:" label or the final punctuation models add (a question mark stays:
 * a title may be a question). Empty when nothing is left.
 */
export function cleanTitle(raw: string): string {
  const line = plainFirstLine(raw)
    .replace(/^title\s*:\s*/i, "")
    .replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, "")
    .replace(/[\s.,;:!。、]+$/u, "")
    .trim();
  return capped(line);
}

/** The first non-empty line, one space between words, without Markdown marks, headings, list marks or links. */
function plainFirstLine(text: string): string {
  const line =
    text
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? "";
  return line
    .replace(/^#{1,6}\s+/, "")
    .replace(/^(?:[-*+>]|\d+[.)])\s+/, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__|\*|`|~~)/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function capped(line: string): string {
  if (line.length <= MAX_TITLE) return line;
  const cut = line.slice(0, MAX_TITLE);
  const space = cut.lastIndexOf(" ");
  return `${(space > MAX_TITLE / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The one message of a title request: the instruction, then the start of the conversation. */
export function titleRequestText(question: string, answer: string): string {
  const excerpt = (text: string) => (text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text);
  return [
    TITLE_INSTRUCTION,
    "Use 3 to 6 words, in the language the user wrote in. Answer with the title only: plain text,",
    "no Markdown, no quotes, no final punctuation.",
    "",
    `User: ${excerpt(question)}`,
    "",
    `Assistant: ${excerpt(answer)}`,
  ].join("\n");
}

/** Whether a request's first message is a title request (the local upstream answers it with a title). */
export function isTitleRequest(firstMessageText: string): boolean {
  return firstMessageText.startsWith(TITLE_INSTRUCTION);
}
