import { type MessagePart, MessageParts, plainTextOf, textParts } from "@/lib/chat/parts";

/**
 * How a message's parts are stored: the parts as JSON in `Message.parts`, and `Message.content`
 * derived from their text (search, titles, export and the tokenizer read it). Every write of a
 * message goes through `partsColumns`, every read through `partsOfRow`, so the two never disagree.
 */

export function partsColumns(parts: readonly MessagePart[]): { parts: string; content: string } {
  return { parts: JSON.stringify(parts), content: plainTextOf(parts) };
}

/**
 * A row's parts, parsed and validated once. A row whose JSON does not parse (written by hand, or
 * by a future version) shows its plain text rather than failing the whole conversation; so does
 * a row with text but no parts (written without them: an instance still running the previous
 * version during a rolling upgrade, a script).
 */
export function partsOfRow(row: { parts: string; content: string }): MessagePart[] {
  let json: unknown;
  try {
    json = JSON.parse(row.parts);
  } catch {
    return textParts(row.content);
  }
  const parsed = MessageParts.safeParse(json);
  return parsed.success && (parsed.data.length > 0 || !row.content) ? parsed.data : textParts(row.content);
}

/**
 * The MessageFile rows of a message's stored files: written with the message by every writer
 * (a turn, a fork, an import), so whoever may read the message may read its files.
 */
export function fileLinksOf(messageId: string, parts: readonly MessagePart[]): { messageId: string; fileId: string }[] {
  const ids = new Set(parts.flatMap((p) => (p.type === "file" && p.fileId ? [p.fileId] : [])));
  return [...ids].map((fileId) => ({ messageId, fileId }));
}
