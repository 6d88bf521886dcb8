import { randomUUID } from "node:crypto";
import type { MessagePart } from "@/lib/chat/parts";
import type { ImportedConversation, ImportedMessage } from "@/lib/db/imports";
import { MAX_IMPORTED_MESSAGE_CHARS, MAX_IMPORTED_MESSAGES } from "../export-format";
import { MAX_TITLE_CHARS } from "../manage";

/**
 * One conversation read from an import file, in the file's own terms (its ids, its dates), on
 * its way into the database. Both formats produce drafts; `toImported` checks what both share.
 */

/** An imported message still in the file's terms: its id, the id it follows, its date if any. */
export type DraftMessage = Omit<ImportedMessage, "id" | "parentId" | "createdAt"> & {
  sourceId: string;
  /** An earlier message's sourceId, or null. */
  parentSourceId: string | null;
  createdAt: Date | null;
};

export interface Draft {
  title: string;
  /** The model the file names for the conversation, if any (kept only when configured here). */
  model: string | null;
  systemPrompt: string | null;
  temperature: number | null;
  maxTokens: number | null;
  activeLeafSourceId: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  messages: DraftMessage[];
  /** What was left out of this conversation, and why (for the report). */
  notes: string[];
}

/** A conversation that cannot be imported; `message` says why, for the report. */
export class SkipConversation extends Error {}

/**
 * The draft as rows to insert: new ids with the parent links mapped onto them, and dates that
 * keep the file's order (each message at least 1 ms after the one before it, since order is by
 * date). Throws SkipConversation when something is wrong with it as a whole.
 */
export function toImported(
  draft: Draft,
  model: string,
  now: Date,
): Omit<ImportedConversation, "workspaceId" | "ownerId"> & { notes: string[] } {
  if (draft.messages.length === 0) throw new SkipConversation("it has no messages that can be imported");
  if (draft.messages.length > MAX_IMPORTED_MESSAGES) {
    throw new SkipConversation(`it has more than ${MAX_IMPORTED_MESSAGES.toLocaleString("en")} messages`);
  }
  const notes = [...draft.notes];
  const ids = new Map<string, string>();
  const messages: ImportedMessage[] = [];
  let previous = (draft.createdAt ?? draft.messages.find((m) => m.createdAt)?.createdAt ?? now).getTime() - 1;
  for (const [index, m] of draft.messages.entries()) {
    const position = `message ${index + 1}`;
    if (charsOf(m.parts) > MAX_IMPORTED_MESSAGE_CHARS) {
      throw new SkipConversation(
        `${position} is longer than ${MAX_IMPORTED_MESSAGE_CHARS.toLocaleString("en")} characters`,
      );
    }
    if (ids.has(m.sourceId)) throw new SkipConversation(`${position} repeats the id "${m.sourceId}"`);
    const parentId = m.parentSourceId === null ? null : ids.get(m.parentSourceId);
    if (parentId === undefined) {
      throw new SkipConversation(`${position} follows "${m.parentSourceId}", which is not an earlier message`);
    }
    const id = randomUUID();
    ids.set(m.sourceId, id);
    previous = Math.max(m.createdAt?.getTime() ?? previous + 1, previous + 1);
    const { sourceId: _, parentSourceId: __, ...rest } = m;
    messages.push({ ...rest, id, parentId, createdAt: new Date(previous) });
  }
  let title = draft.title.replace(/\s+/g, " ").trim() || "Imported chat";
  if (title.length > MAX_TITLE_CHARS) {
    title = `${title.slice(0, MAX_TITLE_CHARS - 1)}…`;
    notes.push(`title shortened to ${MAX_TITLE_CHARS} characters`);
  }
  const activeLeafId = draft.activeLeafSourceId ? (ids.get(draft.activeLeafSourceId) ?? null) : null;
  const createdAt = messages[0]?.createdAt ?? now;
  const updatedAt = new Date(Math.max(draft.updatedAt?.getTime() ?? 0, previous));
  return {
    title,
    model,
    systemPrompt: draft.systemPrompt,
    temperature: draft.temperature,
    maxTokens: draft.maxTokens,
    activeLeafId,
    createdAt: draft.createdAt && draft.createdAt < createdAt ? draft.createdAt : createdAt,
    updatedAt,
    messages,
    notes,
  };
}

/** The characters a message's parts hold: text, reasoning, tool arguments and results. */
function charsOf(parts: readonly MessagePart[]): number {
  let chars = 0;
  for (const part of parts) {
    if (part.type === "text" || part.type === "reasoning") chars += part.text.length;
    else if (part.type === "tool-call") chars += part.arguments.length;
    else if (part.type === "tool-result") chars += part.content.length;
  }
  return chars;
}
