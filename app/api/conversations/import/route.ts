import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { importConversations, MAX_IMPORT_BYTES } from "@/lib/conversations/import";
import { importArchive, isZipArchive } from "@/lib/conversations/import/archive";
import { AppError } from "@/lib/errors";
import { readBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/errors";

/** A 50 MB file over a slow line still arrives; a stalled upload does not hold the request forever. */
const IMPORT_TIMEOUT_MS = 5 * 60_000;

/** The file itself is the body. Answers with the import report (see lib/conversations/import). */
export async function POST(request: Request): Promise<Response> {
  try {
    const actor = await requireActor();
    const bytes = await readFile(request);
    // An archive (an export with its files, or ChatGPT's zip), else a JSON file.
    const report = isZipArchive(bytes)
      ? await importArchive(actor, bytes)
      : await importConversations(actor, utf8(bytes));
    return NextResponse.json(report);
  } catch (error) {
    return errorResponse(error);
  }
}

/** The body, refused as soon as it passes the size limit (not after buffering it all). */
async function readFile(request: Request): Promise<Uint8Array> {
  const bytes = await readBody(request, {
    maxBytes: MAX_IMPORT_BYTES,
    timeoutMs: IMPORT_TIMEOUT_MS,
    tooLargeMessage: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
  });
  if (bytes.byteLength === 0) throw new AppError("invalid_request", "The file is empty.");
  return bytes;
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("invalid_request", "The file is not UTF-8 text: choose a .json export.");
  }
}
