import { fileTypeFromBuffer } from "file-type";
import { AppError } from "@/lib/errors";
import type { TokenCounter } from "@/lib/usage/tokens";
import { type FileKind, fileRefusal } from "./contract";
import { imageTokens } from "./image-tokens";
import { ALLOWED_TYPES, TEXT_TYPES_BY_EXTENSION, unsupportedType } from "./limits";

/**
 * What an upload is, read from its bytes: its media type (by content with `file-type`; text has no
 * signature, so valid UTF-8 without NUL bytes is text and its extension says which), its kind,
 * a document's text and the tokens it adds to a prompt.
 */

export interface FileContent {
  mediaType: string;
  kind: FileKind;
  /** A document's text as extracted; null for images. */
  text: string | null;
}

export async function readContent(name: string, bytes: Uint8Array): Promise<FileContent> {
  const detected = await fileTypeFromBuffer(bytes);
  const mediaType = detected?.mime ?? textTypeOf(name, bytes);
  const kind = mediaType ? ALLOWED_TYPES[mediaType] : undefined;
  if (!mediaType || !kind) throw unsupportedType(name, detected?.mime ?? null);
  if (kind === "image") return { mediaType, kind, text: null };
  const text = mediaType === "application/pdf" ? await pdfText(name, bytes) : decodeText(bytes);
  return { mediaType, kind, text };
}

function textTypeOf(name: string, bytes: Uint8Array): string | null {
  if (bytes.includes(0) || decodeText(bytes) === null) return null;
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  // Code, logs, and text of any other extension: plain text to a model.
  return TEXT_TYPES_BY_EXTENSION[extension] ?? "text/plain";
}

function decodeText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

async function pdfText(name: string, bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import("unpdf");
  try {
    // pdf.js takes ownership of the buffer it is given: a copy keeps ours whole for storage.
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(pdf, { mergePages: true });
    return text;
  } catch {
    throw new AppError("invalid_request", `"${name}" could not be read as a PDF.`, fileRefusal("unreadable_file"));
  }
}

/** How a document reaches a model: its text in a tag that names it. */
export function documentContext(name: string, text: string): string {
  return `<file name="${name.replaceAll('"', "'")}">\n${text}\n</file>`;
}

/** The tokens a file adds to a prompt, counted with the model's tokenizer. */
export function fileTokens(name: string, content: FileContent, bytes: Uint8Array, counter: TokenCounter): number {
  return content.text === null ? imageTokens(bytes) : counter.text(documentContext(name, content.text));
}
