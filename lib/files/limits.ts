import { z } from "zod";
import { AppError } from "@/lib/errors";
import { type FileKind, fileRefusal } from "./contract";

/**
 * What may be attached, as data: sizes and counts (each overridable from the environment) and the
 * types allowed, decided by the bytes (lib/files/content.ts), never by the name alone. Each limit
 * has its own message, shown as it is in the composer.
 */

const Env = z.object({
  FILES_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  FILES_MAX_PER_MESSAGE: z.coerce.number().int().positive().default(10),
  FILES_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
});

export interface FileLimits {
  maxFileBytes: number;
  maxFilesPerMessage: number;
  maxMessageBytes: number;
}

export function fileLimits(): FileLimits {
  const env = Env.parse(process.env);
  return {
    maxFileBytes: env.FILES_MAX_FILE_BYTES,
    maxFilesPerMessage: env.FILES_MAX_PER_MESSAGE,
    maxMessageBytes: env.FILES_MAX_MESSAGE_BYTES,
  };
}

/** The types a file may have, by the media type its content shows, and how each is sent to a model. */
export const ALLOWED_TYPES: Record<string, FileKind> = {
  "image/png": "image",
  "image/jpeg": "image",
  "image/gif": "image",
  "image/webp": "image",
  "application/pdf": "document",
  "text/plain": "document",
  "text/markdown": "document",
  "text/csv": "document",
  "application/json": "document",
};

/** Text files by extension: their bytes say only "text", the name says which text. */
export const TEXT_TYPES_BY_EXTENSION: Record<string, string> = {
  md: "text/markdown",
  markdown: "text/markdown",
  csv: "text/csv",
  json: "application/json",
};

export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const fileTooLarge = (name: string, limits: FileLimits) =>
  new AppError(
    "payload_too_large",
    `"${name}" is larger than ${megabytes(limits.maxFileBytes)}, the limit per file.`,
    fileRefusal("file_too_large"),
  );

const ALLOWED_DESCRIPTION = "images (PNG, JPEG, GIF, WebP), PDF, and text, code or CSV files can";

export const unsupportedType = (name: string, detected: string | null) =>
  new AppError(
    "unsupported_media_type",
    detected
      ? `"${name}" is ${detected}, which cannot be attached: ${ALLOWED_DESCRIPTION}.`
      : `"${name}" cannot be attached: ${ALLOWED_DESCRIPTION}.`,
    fileRefusal("unsupported_media_type"),
  );

/** The files of one message, by count and by total size. */
export function checkMessageFiles(files: readonly { size: number }[], limits: FileLimits = fileLimits()): void {
  if (files.length > limits.maxFilesPerMessage) {
    throw new AppError(
      "invalid_request",
      `A message can carry at most ${limits.maxFilesPerMessage} files.`,
      fileRefusal("too_many_files"),
    );
  }
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > limits.maxMessageBytes) {
    throw new AppError(
      "payload_too_large",
      `The files of one message may add up to ${megabytes(limits.maxMessageBytes)}.`,
      fileRefusal("message_files_too_large"),
    );
  }
}
