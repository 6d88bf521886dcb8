import { type MessagePart, MessageParts, plainTextOf, textParts } from "@/lib/chat/parts";
import { rows, sql, type Work, write } from "./statements";

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
 * Writes the MessageFile rows of messages' stored files, with the messages, in every writer (a
 * turn, a fork, an import), so whoever may read a message may read its files. A part naming a
 * file that no longer exists (its uploader's account was deleted) stays as it is, unlinked.
 */
export function* linkFiles(messages: readonly { id: string; parts: readonly MessagePart[] }[]): Work<void> {
  const links = messages.flatMap((m) =>
    [...new Set(storedFileIds(m.parts))].map((fileId) => ({ messageId: m.id, fileId })),
  );
  if (links.length === 0) return;
  const fileIds = [...new Set(links.map((l) => l.fileId))];
  const existing = yield* rows<{ id: string }>({
    text: `SELECT "id" FROM "File" WHERE "id" IN (${fileIds.map(() => "?").join(", ")})`,
    values: fileIds,
  });
  const ids = new Set(existing.map((f) => f.id));
  for (const link of links) {
    if (ids.has(link.fileId)) {
      yield* write(sql`INSERT INTO "MessageFile" ("messageId", "fileId") VALUES (${link.messageId}, ${link.fileId})`);
    }
  }
}

/** The ids of the stored files among parts, in order. */
export function storedFileIds(parts: readonly MessagePart[]): string[] {
  return parts.flatMap((p) => (p.type === "file" && p.fileId ? [p.fileId] : []));
}
