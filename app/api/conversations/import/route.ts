import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { importConversations, MAX_IMPORT_BYTES } from "@/lib/conversations/import";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";

const TOO_LARGE = `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`;

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
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES) {
    throw new AppError("invalid_request", TOO_LARGE);
  }
  if (!request.body) throw new AppError("invalid_request", "The file is empty.");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > MAX_IMPORT_BYTES) {
      await reader.cancel();
      throw new AppError("invalid_request", TOO_LARGE);
    }
    chunks.push(read.value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("invalid_request", "The file is not UTF-8 text: choose a .json export.");
  }
}
