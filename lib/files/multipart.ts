import { AppError } from "@/lib/errors";
import { readBody } from "@/lib/http/body";
import { fileRefusal } from "./contract";
import { fileLimits, megabytes } from "./limits";
import type { Upload } from "./upload";

/** Room for the multipart framing and the small fields around the file. */
const FRAMING_BYTES = 64 * 1024;
/** A large file over a slow line still arrives; a stalled one does not hold the request forever. */
const UPLOAD_TIMEOUT_MS = 5 * 60_000;

/**
 * The upload in a `multipart/form-data` body (field `file`, optional `model`), read within the
 * per-file limit: a larger body is refused while it arrives, never buffered whole.
 */
export async function readUpload(request: Request): Promise<Upload> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    throw new AppError("invalid_request", "Send the file as multipart/form-data in a field named file");
  }
  const { maxFileBytes } = fileLimits();
  const body = await readBody(request, {
    maxBytes: maxFileBytes + FRAMING_BYTES,
    timeoutMs: UPLOAD_TIMEOUT_MS,
    tooLargeMessage: `The file is larger than ${megabytes(maxFileBytes)}, the limit per file.`,
  }).catch((error: unknown) => {
    // The composer tells this refusal by its code, like the other limits'.
    if (error instanceof AppError && error.code === "payload_too_large") {
      throw new AppError(error.code, error.message, fileRefusal("file_too_large"), error.headers);
    }
    throw error;
  });
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData();
  } catch {
    throw new AppError("invalid_request", "The upload is not a readable multipart/form-data body");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("invalid_request", "The upload has no field named file");
  const model = form.get("model");
  return {
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    ...(typeof model === "string" && model ? { model } : {}),
  };
}
