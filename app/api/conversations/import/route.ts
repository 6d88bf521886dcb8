import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { importConversations, MAX_IMPORT_BYTES } from "@/lib/conversations/import";
import { AppError } from "@/lib/errors";
import { readBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/errors";

/** A 50 MB file over a slow line still arrives; a stalled upload does not hold the request forever. */
const IMPORT_TIMEOUT_MS = 5 * 60_000;

/** The file itself is the body. Answers with the import report (see lib/conversations/import). */
export async function POST(request: Request): Promise<Response> {
  try {
    const actor = await requireActor();
    const text = await readText(request);
    return NextResponse.json(await importConversations(actor, text));
  } catch (error) {
    return errorResponse(error);
  }
}

/** The body as UTF-8 text, refused as soon as it passes the size limit (not after buffering it all). */
async function readText(request: Request): Promise<string> {
  const bytes = await readBody(request, {
    maxBytes: MAX_IMPORT_BYTES,
    timeoutMs: IMPORT_TIMEOUT_MS,
    tooLargeMessage: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
  });
  if (bytes.byteLength === 0) throw new AppError("invalid_request", "The file is empty.");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("invalid_request", "The file is not UTF-8 text: choose a .json export.");
  }
}
