import type { ModelChoice } from "@/lib/chat/chat-view";
import type { MessagePart } from "@/lib/chat/parts";
import type { UploadedFile } from "@/lib/files/contract";

/** The files a question is sent with, as the chat's message tree and the chat body hold them. */

/** An uploaded file as the message part the server stores for it. */
export const filePartOf = (file: UploadedFile): MessagePart => ({
  type: "file",
  fileId: file.id,
  name: file.name,
  mediaType: file.mediaType,
  size: file.size,
});

/** The stored files among a question's parts, for the chat body (none: no field). */
export function fileIdsOf(parts: readonly MessagePart[]): string[] | undefined {
  const ids = parts.flatMap((p) => (p.type === "file" && p.fileId ? [p.fileId] : []));
  return ids.length > 0 ? ids : undefined;
}

/** The model that will answer, as the composer needs it; an unlisted one is not second-guessed. */
export function modelOf(models: readonly ModelChoice[], id: string) {
  const model = models.find((m) => m.id === id);
  return { label: model?.label ?? id, vision: model ? model.capabilities.includes("vision") : true };
}
