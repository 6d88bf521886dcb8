import type { Actor } from "@/lib/auth/actor";
import { insertImportedConversation } from "@/lib/db/imports";
import { AppError } from "@/lib/errors";
import { withRestoredFiles } from "@/lib/files/archive";
import { usableModel } from "@/lib/providers/registry";
import { EXPORT_FORMAT } from "../export-format";
import { chatGptTitle, draftFromChatGpt, isChatGptConversation } from "./chatgpt";
import { type Draft, SkipConversation, toImported } from "./draft";
import { draftFromSpjFile, isSpjFile } from "./spj";

/**
 * Import: an SPJ Chat JSON export, or ChatGPT's `conversations.json`. Every conversation in the
 * file is either imported whole (one transaction) or listed as skipped with the reason, and
 * whatever was left out of an imported one is noted on it: nothing disappears unreported.
 * A file that cannot be read at all is one clear error.
 */

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_CONVERSATIONS = 10_000;

export interface ImportReport {
  format: "spj-chat" | "chatgpt";
  imported: { id: string; title: string; messages: number; notes: string[] }[];
  /** `position` is 1-based, in the file's order. */
  skipped: { position: number; title: string | null; reason: string }[];
}

interface Reader {
  format: ImportReport["format"];
  items: unknown[];
  draft: (item: unknown) => Draft;
  title: (item: unknown) => string | null;
}

const invalid = (message: string) => new AppError("invalid_request", message);

export async function importConversations(actor: Actor, text: string): Promise<ImportReport> {
  // A JSON file carries no files: parts naming stored files are left out, so an id written into
  // a file never reaches a file the importer could not read (an archive brings its own, ./archive.ts).
  return importValue(actor, withRestoredFiles(parseJson(text), new Map()));
}

/** The conversations of a parsed file (a JSON document read from a file or an archive). */
export async function importValue(actor: Actor, value: unknown): Promise<ImportReport> {
  const reader = readerFor(value);
  if (reader.items.length > MAX_IMPORT_CONVERSATIONS) {
    throw invalid(
      `The file holds ${reader.items.length.toLocaleString("en")} conversations; at most ${MAX_IMPORT_CONVERSATIONS.toLocaleString("en")} can be imported at once.`,
    );
  }
  const report: ImportReport = { format: reader.format, imported: [], skipped: [] };
  const now = new Date();
  for (const [index, item] of reader.items.entries()) {
    const skip = (reason: string) => report.skipped.push({ position: index + 1, title: reader.title(item), reason });
    try {
      const draft = reader.draft(item);
      const model = usableModel(draft.model).id;
      const { notes, ...conversation } = toImported(draft, model, now);
      const { id } = await insertImportedConversation({
        ...conversation,
        workspaceId: actor.workspaceId,
        ownerId: actor.userId,
      });
      report.imported.push({ id, title: conversation.title, messages: conversation.messages.length, notes });
    } catch (error) {
      if (error instanceof SkipConversation) skip(error.message);
      else {
        console.error("import: could not save a conversation", error);
        skip("it could not be saved (a server error; try again)");
      }
    }
  }
  return report;
}

function parseJson(text: string): unknown {
  if (!text.trim()) throw invalid("The file is empty.");
  if (text.startsWith("PK\u0003\u0004")) {
    throw invalid("This is a ZIP archive. Unzip your ChatGPT export and choose conversations.json from it.");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(`The file is not valid JSON (${error instanceof Error ? error.message : "parse error"}).`);
  }
}

function readerFor(value: unknown): Reader {
  if (isSpjFile(value)) {
    const format = (value as { format: string }).format;
    if (format !== EXPORT_FORMAT) throw invalid(`Unknown format "${format.slice(0, 60)}": not an SPJ Chat export.`);
    return { format: "spj-chat", items: [value], draft: draftFromSpjFile, title: spjTitle };
  }
  const items = Array.isArray(value) ? value : isChatGptConversation(value) ? [value] : null;
  if (!items || (items.length > 0 && !items.some(isChatGptConversation))) {
    throw invalid(
      "This file is neither an SPJ Chat export nor ChatGPT's conversations.json (a list of conversations with a mapping).",
    );
  }
  if (items.length === 0) throw invalid("The file holds no conversations.");
  return { format: "chatgpt", items, draft: draftFromChatGpt, title: chatGptTitle };
}

function spjTitle(value: unknown): string | null {
  const title = (value as { conversation?: { title?: unknown } }).conversation?.title;
  return typeof title === "string" ? title : null;
}
