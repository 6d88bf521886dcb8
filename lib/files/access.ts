import type { Actor } from "@/lib/auth/actor";
import { canReadFile, readableConversations } from "@/lib/auth/policy";
import { hashLinkToken, isLinkTokenShape } from "@/lib/auth/tokens";
import { type FileRecord, findConversationHoldingFile, findFile, findSnapshotFile } from "@/lib/db/files";
import { notFound } from "@/lib/errors";
import { fileStorage } from "./storage";

/** Reading a stored file: the signed-in door and a public snapshot's. Not readable = 404, like missing. */

export interface FileDownload {
  file: FileRecord;
  bytes: Uint8Array<ArrayBuffer>;
}

const FILE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const missing = () => notFound("File not found");

async function withBytes(file: FileRecord): Promise<FileDownload> {
  const bytes = await fileStorage().get(file.sha256);
  if (!bytes) throw missing();
  return { file, bytes };
}

/**
 * The file, for whoever may read a message holding it, or its uploader. Without a session it is
 * not found either (not 401): a file URL says nothing about whether it exists.
 */
export async function readableFile(actor: Actor | null, fileId: unknown): Promise<FileDownload> {
  if (!actor || typeof fileId !== "string" || !FILE_ID.test(fileId)) throw missing();
  const file = await findFile(fileId);
  if (!file) throw missing();
  const holder = await findConversationHoldingFile(file.id, readableConversations(actor));
  if (!canReadFile(actor, file, holder)) throw missing();
  return withBytes(file);
}

/** A file of a live public snapshot, for anyone holding its link. */
export async function snapshotFile(token: unknown, fileId: unknown): Promise<FileDownload> {
  if (!isLinkTokenShape(token) || typeof fileId !== "string" || !FILE_ID.test(fileId)) throw missing();
  const file = await findSnapshotFile(hashLinkToken(token), fileId);
  if (!file) throw missing();
  return withBytes(file);
}

/** The response headers of a file's bytes: its type, its name, and nothing a browser would run. */
export function downloadHeaders(file: FileRecord): Record<string, string> {
  // Images show in place; everything else downloads, so no document is ever rendered from our origin.
  const disposition = file.kind === "image" ? "inline" : "attachment";
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return {
    "Content-Type": file.mediaType,
    "Content-Length": String(file.size),
    "Content-Disposition": `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    // The bytes behind an id never change; who may read them can, so only the browser keeps them.
    "Cache-Control": "private, max-age=3600",
  };
}
