import type { UploadedFile } from "@/lib/files/contract";

/** A refused or failed upload, with the message the chip shows. */
export class UploadError extends Error {}

export interface Upload {
  done: Promise<UploadedFile>;
  abort: () => void;
}

/**
 * Sends one file to `POST /api/files` (lib/files/contract.ts) for `model`. XMLHttpRequest, not fetch:
 * only it reports upload progress, which the file's chip shows (`onProgress`: 0 to 1).
 * The answer is trusted as the server's own contract: no schema is shipped to the browser for it.
 */
export function uploadFile(file: File, model: string, onProgress: (fraction: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadedFile>((resolve, reject) => {
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status === 201 && body && typeof body === "object" && "id" in body) resolve(body as UploadedFile);
      else reject(new UploadError(refusalMessage(xhr.status, body)));
    };
    xhr.onerror = () => reject(new UploadError("Could not reach the server. Check your connection."));
    xhr.onabort = () => reject(new UploadError("Upload cancelled."));
    xhr.open("POST", "/api/files");
    xhr.setRequestHeader("Accept", "application/json");
    const form = new FormData();
    form.append("file", file);
    // The tokens the chip shows are counted with the tokenizer of the model that will read the file.
    form.append("model", model);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The server's `{ error }` (413 too large, 415 type not allowed, 400…), or a message by status. */
export function refusalMessage(status: number, body: unknown): string {
  const error = body && typeof body === "object" && "error" in body ? body.error : null;
  if (typeof error === "string" && error) return error;
  if (status === 401) return "You are signed out. Sign in again to attach files.";
  if (status === 413) return "This file is too large.";
  if (status === 415) return "This type of file cannot be attached.";
  return `The upload failed (HTTP ${status}).`;
}
