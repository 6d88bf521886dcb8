import type { Actor } from "@/lib/auth/actor";
import { canUploadFile } from "@/lib/auth/policy";
import { type FilePart, type MessagePart, textParts } from "@/lib/chat/parts";
import { findFiles } from "@/lib/db/files";
import type { NewMessage } from "@/lib/db/turns";
import { AppError } from "@/lib/errors";
import { fileRefusal } from "./contract";
import { checkMessageFiles } from "./limits";

/**
 * The browser's new message: the files it attaches (the caller's own uploads, in the workspace it
 * acts in, within the per-message limits) as `file` parts before its text. None and no text:
 * no new message (answer the last question again).
 */
export async function newUserMessages(
  actor: Actor,
  content: string | undefined,
  fileIds: readonly string[] = [],
): Promise<NewMessage[]> {
  const files = await attachedFileParts(actor, fileIds);
  const parts: MessagePart[] = [...files, ...textParts(content ?? "")];
  return parts.length > 0 ? [{ role: "user", parts }] : [];
}

async function attachedFileParts(actor: Actor, fileIds: readonly string[]): Promise<FilePart[]> {
  const ids = [...new Set(fileIds)];
  if (ids.length === 0) return [];
  const found = new Map((await findFiles(ids)).map((f) => [f.id, f]));
  const files = ids.map((id) => {
    const file = found.get(id);
    // Someone else's file is "not found", like a missing one: its id tells nothing.
    const own = file && canUploadFile(actor) && file.ownerId === actor.userId && file.workspaceId === actor.workspaceId;
    if (!file || !own)
      throw new AppError(
        "invalid_request",
        "An attached file was not found: upload it again.",
        fileRefusal("file_not_found"),
      );
    return file;
  });
  checkMessageFiles(files);
  return files.map((f) => ({ type: "file", fileId: f.id, name: f.name, mediaType: f.mediaType, size: f.size }));
}
