import { z } from "zod";

/**
 * The attachments contract shared by the server (upload and download routes, the pipeline) and
 * the browser (composer chips, message rendering). Routes:
 *
 * - `POST /api/files` (signed in): `multipart/form-data` with one `file` field per request, so
 *   the composer shows each file's own upload progress. 201 with an `UploadedFile`; a refusal is
 *   the browser routes' error body `{ error, code }` (413 too large, 415 type not allowed, 400
 *   otherwise) and leaves nothing stored.
 * - `GET /api/files/:id`: the bytes, for whoever may read a message holding the file (its
 *   uploader before it is sent); 404 otherwise.
 * - `GET /share/:token/files/:id`: the bytes of a file inside that public snapshot; 404 once
 *   the link is revoked.
 * - The browser chat body (`BrowserChatBody`) gets `fileIds`: the uploaded files to attach to
 *   the new user message, stored as `file` parts before its text part.
 */

/** What the composer may attach: an image goes to the model as an image, a document as its text. */
export const FILE_KINDS = ["image", "document"] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const UploadedFile = z.object({
  id: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
  kind: z.enum(FILE_KINDS),
  /** The tokens the file adds to a prompt (a document's extracted text; an image's estimate). */
  tokens: z.number().int().nonnegative(),
  /** Where the browser reads the bytes (`/api/files/:id`). */
  url: z.string(),
});
export type UploadedFile = z.infer<typeof UploadedFile>;

export { fileUrl } from "./urls";

/**
 * The `code` of each refusal the file routes and the chat route give for attachments (the error
 * body's `error` is the message to show as it is):
 * - `file_too_large` (413), `message_files_too_large` (413), `too_many_files` (400): the limits;
 * - `unsupported_media_type` (415): the content is not an image, PDF, or text/code/CSV file;
 * - `empty_file`, `unreadable_file` (a PDF whose text cannot be read) (400);
 * - `file_not_found` (400, chat body): a `fileIds` entry that is not the caller's own upload;
 * - `model_cannot_see_images` (400, chat body): the chosen model has no vision, nothing was sent.
 *
 * `POST /api/files` also reads an optional `model` field: its tokenizer counts `tokens`.
 * `GET /api/conversations/:id/export?format=zip` downloads the JSON with the files; Import takes
 * that zip (and "Export all"'s) back.
 */
export const FILE_ERROR_CODES = [
  "file_too_large",
  "message_files_too_large",
  "too_many_files",
  "unsupported_media_type",
  "empty_file",
  "unreadable_file",
  "file_not_found",
  "model_cannot_see_images",
] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

/** An attachment refusal's details: the code the browser tells it by. */
export const fileRefusal = (code: FileErrorCode) => ({ code });
