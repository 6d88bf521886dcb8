import type { FilePart, MessagePart } from "@/lib/chat/parts";
import { type FileRecord, findFiles } from "@/lib/db/files";
import { storedFileIds } from "@/lib/db/message-parts";
import { AppError } from "@/lib/errors";
import type { ModelInfo, NeutralMessage } from "@/lib/providers/types";
import { documentContext } from "./content";
import { fileRefusal } from "./contract";
import { fileStorage } from "./storage";

/**
 * Stored files as a provider reads them, in two steps of the pipeline. Before the plan's limits
 * are checked, a document becomes its text in a tag naming it, so the text counts like any prompt
 * text. Once the messages to send are chosen, an image becomes a `data:` URL, which each adapter
 * puts in its provider's format (OpenAI `image_url`, an Anthropic image block), after a check
 * that the model can see images at all.
 */

const storedFileIdsOf = (messages: readonly { parts: readonly MessagePart[] }[]) =>
  messages.flatMap((m) => storedFileIds(m.parts));

export type FileLookup = (ids: readonly string[]) => Promise<Map<string, FileRecord>>;

/**
 * One request's file rows: an id is read once however many steps ask for it (the pipeline asks
 * for the new messages', the history's, then the images' again to inline them).
 */
export function fileLookup(): FileLookup {
  const known = new Map<string, FileRecord | null>();
  return async (ids) => {
    const missing = [...new Set(ids)].filter((id) => !known.has(id));
    if (missing.length > 0) {
      for (const id of missing) known.set(id, null);
      for (const file of await findFiles(missing)) known.set(file.id, file);
    }
    const found = new Map<string, FileRecord>();
    for (const id of ids) {
      const file = known.get(id);
      if (file) found.set(id, file);
    }
    return found;
  };
}

/** Documents' file parts replaced by their text; a file since deleted is left out. */
export async function withDocumentText<T extends { parts: readonly MessagePart[] }>(
  messages: readonly T[],
  lookup: FileLookup = fileLookup(),
): Promise<T[]> {
  const ids = storedFileIdsOf(messages);
  if (ids.length === 0) return [...messages];
  const files = await lookup(ids);
  return messages.map((m) => ({ ...m, parts: m.parts.flatMap((p) => documentPart(p, files)) }));
}

function documentPart(part: MessagePart, files: Map<string, FileRecord>): MessagePart[] {
  if (part.type !== "file" || !part.fileId) return [part];
  const file = files.get(part.fileId);
  if (!file) return [];
  if (file.kind === "image") return [{ ...part, mediaType: file.mediaType }];
  return [{ type: "text", text: documentContext(file.name, file.text ?? "") }];
}

const isImage = (part: MessagePart): part is FilePart => part.type === "file" && part.mediaType.startsWith("image/");

export const hasImages = (messages: readonly NeutralMessage[]) => messages.some((m) => m.parts.some(isImage));

export const canSeeImages = (model: ModelInfo) => model.capabilities.includes("vision");

/** The models of a fallback chain that can answer these messages: those that see, when they hold images. */
export function modelsForImages(chain: readonly ModelInfo[], messages: readonly NeutralMessage[]): ModelInfo[] {
  return hasImages(messages) ? chain.filter(canSeeImages) : [...chain];
}

/** The messages with their stored images inlined; refused before sending when the model cannot see. */
export async function withImageData(
  model: ModelInfo,
  messages: readonly NeutralMessage[],
  lookup: FileLookup = fileLookup(),
): Promise<NeutralMessage[]> {
  if (!hasImages(messages)) return [...messages];
  if (!canSeeImages(model)) {
    throw new AppError(
      "invalid_request",
      `${model.label} cannot see images. Choose a model that can, or remove the images.`,
      fileRefusal("model_cannot_see_images"),
    );
  }
  const files = await lookup(storedFileIdsOf(messages));
  const storage = fileStorage();
  const inline = async (part: MessagePart): Promise<MessagePart[]> => {
    const file = part.type === "file" && part.fileId ? files.get(part.fileId) : undefined;
    if (part.type !== "file" || !part.fileId) return [part];
    const bytes = file ? await storage.get(file.sha256) : null;
    if (!file || !bytes) return [];
    const { fileId: _stored, ...rest } = part;
    return [{ ...rest, url: `data:${file.mediaType};base64,${Buffer.from(bytes).toString("base64")}` }];
  };
  return Promise.all(messages.map(async (m) => ({ ...m, parts: (await Promise.all(m.parts.map(inline))).flat() })));
}
