import { createHash } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { canUploadFile } from "@/lib/auth/policy";
import { type FileRecord, insertFile, touchBlob } from "@/lib/db/files";
import { AppError } from "@/lib/errors";
import { modelInfo, resolveModel } from "@/lib/providers/registry";
import { tokenCounterFor } from "@/lib/usage/tokens";
import { fileTokens, readContent } from "./content";
import { fileRefusal, fileUrl, type UploadedFile } from "./contract";
import { fileLimits, fileTooLarge } from "./limits";
import { fileStorage } from "./storage";

/**
 * An upload, stored: refused before anything is written when it breaks a limit or its content is
 * not an allowed type; then its bytes under their SHA-256 (once, whoever uploads them again) and
 * its File row. Until a message holds it, only its uploader can read it, and the GC
 * (lib/files/gc.ts) deletes it after a grace period.
 */
export interface Upload {
  name: string;
  bytes: Uint8Array;
  /** The model the composer has chosen: its tokenizer counts a document's tokens. */
  model?: string;
}

const MAX_NAME = 255;

export async function uploadFile(actor: Actor, upload: Upload): Promise<UploadedFile> {
  if (!canUploadFile(actor)) throw new AppError("forbidden", "Files are attached in the browser");
  const name = upload.name.trim().slice(0, MAX_NAME) || "file";
  const limits = fileLimits();
  if (upload.bytes.byteLength > limits.maxFileBytes) throw fileTooLarge(name, limits);
  if (upload.bytes.byteLength === 0)
    throw new AppError("invalid_request", `"${name}" is empty.`, fileRefusal("empty_file"));
  const content = await readContent(name, upload.bytes);
  const model = (upload.model ? modelInfo(upload.model) : null) ?? resolveModel(undefined);
  const tokens = fileTokens(name, content, upload.bytes, await tokenCounterFor(model));

  const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
  const size = upload.bytes.byteLength;
  // The blob's row is touched before its bytes are written, so the GC leaves them alone meanwhile.
  await touchBlob(sha256, size);
  const storage = fileStorage();
  await storage.put(sha256, upload.bytes, content.mediaType);
  const file = await insertFile({
    ownerId: actor.userId,
    workspaceId: actor.workspaceId,
    sha256,
    name,
    size,
    tokens,
    ...content,
  });
  // A GC that found the blob orphaned just before the touch may have deleted its bytes since:
  // with the File row in place it cannot again, so bytes found missing now are written back.
  if (!(await storage.has(sha256))) await storage.put(sha256, upload.bytes, content.mediaType);
  return uploadedFile(file);
}

export function uploadedFile(file: FileRecord): UploadedFile {
  return {
    id: file.id,
    name: file.name,
    mediaType: file.mediaType,
    size: file.size,
    kind: file.kind,
    tokens: file.tokens,
    url: fileUrl(file.id),
  };
}
