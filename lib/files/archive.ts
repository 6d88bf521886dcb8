import { unzipSync } from "fflate";
import type { Actor } from "@/lib/auth/actor";
import type { MessagePart } from "@/lib/chat/parts";
import { findFiles } from "@/lib/db/files";
import { storedFileIds } from "@/lib/db/message-parts";
import { AppError } from "@/lib/errors";
import { fileStorage } from "./storage";
import { uploadFile } from "./upload";

/**
 * Files in export and import archives: an export zip holds each stored file a conversation shows
 * at `files/<id>/<name>` beside the JSON whose file parts name that id; an import stores them
 * again as the importer's uploads and points the parts at the new ids.
 */

const FILES_FOLDER = "files/";

/** The stored files of these messages (once each), as zip entries: path and bytes. */
export async function* fileEntries(
  messages: readonly { parts: readonly MessagePart[] }[],
  already: Set<string> = new Set(),
): AsyncGenerator<{ path: string; bytes: Uint8Array }> {
  const ids = [...new Set(messages.flatMap((m) => storedFileIds(m.parts)))].filter((id) => !already.has(id));
  const storage = fileStorage();
  for (const file of await findFiles(ids)) {
    const bytes = await storage.get(file.sha256);
    if (!bytes) continue;
    already.add(file.id);
    yield { path: `${FILES_FOLDER}${file.id}/${safeName(file.name)}`, bytes };
  }
}

/** A name that is one path segment inside a zip, whatever the upload was called. */
const safeName = (name: string) => name.replace(/[^\p{L}\p{N} ._()-]/gu, "_").replace(/^\.+/, "_") || "file";

/** Uncompressed, an archive may hold at most this much (a zip bomb is refused, not inflated). */
const MAX_UNZIPPED_BYTES = 500 * 1024 * 1024;

export interface ReadArchive {
  /** The JSON documents in it (exports, or ChatGPT's conversations.json), by path. */
  json: { path: string; text: string }[];
  files: { id: string; name: string; bytes: Uint8Array }[];
}

export function readArchive(bytes: Uint8Array): ReadArchive {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (entry) => {
        total += entry.originalSize;
        if (total > MAX_UNZIPPED_BYTES)
          throw new AppError("invalid_request", "The archive unpacks to more than 500 MB.");
        return entry.name.endsWith(".json") || entry.name.startsWith(FILES_FOLDER);
      },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("invalid_request", "The file is not a readable ZIP archive.");
  }
  const json: ReadArchive["json"] = [];
  const files: ReadArchive["files"] = [];
  const decoder = new TextDecoder();
  for (const [path, content] of Object.entries(entries)) {
    const file = /^files\/([^/]+)\/([^/]+)$/.exec(path);
    if (file?.[1] && file[2]) files.push({ id: file[1], name: file[2], bytes: content });
    else if (path.endsWith(".json")) json.push({ path, text: decoder.decode(content) });
  }
  json.sort((a, b) => a.path.localeCompare(b.path));
  return { json, files };
}

/**
 * The archive's files stored as the importer's uploads: the new id of each old one that could be
 * stored, and why each other one could not (by its old id).
 */
export async function restoreFiles(
  actor: Actor,
  files: ReadArchive["files"],
): Promise<{ ids: Map<string, string>; problems: Map<string, string> }> {
  const ids = new Map<string, string>();
  const problems = new Map<string, string>();
  for (const file of files) {
    try {
      ids.set(file.id, (await uploadFile(actor, { name: file.name, bytes: file.bytes })).id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.set(file.id, error.message);
    }
  }
  return { ids, problems };
}

/**
 * An export's JSON with its file parts pointing at the restored files; a part whose file did not
 * come back is left out (the conversation's import notes say which).
 */
export function withRestoredFiles(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (isStoredFilePart(item)) {
        const id = ids.get(item.fileId);
        return id ? [{ ...item, fileId: id }] : [];
      }
      return [withRestoredFiles(item, ids)];
    });
  }
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withRestoredFiles(item, ids)]));
}

const isStoredFilePart = (item: unknown): item is { type: "file"; fileId: string } =>
  typeof item === "object" &&
  item !== null &&
  (item as { type?: unknown }).type === "file" &&
  typeof (item as { fileId?: unknown }).fileId === "string";
