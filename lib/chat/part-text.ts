import type { MessagePart } from "./parts";

/**
 * Plain text in and out of parts, without the schemas: the chat page's bundle imports these, and
 * importing parts.ts would bring zod into it (~30 KiB gzip of the page's first load).
 */

/** The plain text of a message: its text parts joined, as `Message.content` stores it. */
export function plainTextOf(parts: readonly MessagePart[]): string {
  let text = "";
  for (const part of parts) if (part.type === "text") text += part.text;
  return text;
}

/** The parts of a message that has only text (every message saved before parts existed). */
export function textParts(text: string): MessagePart[] {
  return text ? [{ type: "text", text }] : [];
}
