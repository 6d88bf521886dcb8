import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { bodyOfIncoming } from "@/lib/http/body";
import { staticHeadersFor } from "@/lib/http/static-headers.mjs";
import { listModels } from "@/lib/providers/registry";
import { preloadTokenizers } from "@/lib/usage/tokens";
import type { ApiAnswer, ApiDoor } from "./door";
import { V1_DOORS } from "./v1-doors";

/**
 * The public API served by the production server itself (scripts/server.ts), without Next.js
 * (issue #12: Next cost ~12 % of a worker's CPU per request and ~65 KiB per open stream). The
 * doors are the Next routes' own (lib/api/v1-doors.ts), with the headers next.config.mjs gives
 * (lib/http/static-headers.mjs). Other methods go to Next, whose answers stay as they were (405,
 * OPTIONS's Allow, HEAD of the models).
 *
 * This module runs beside the Next bundle's copy of lib/: whatever both share lives on
 * globalThis (answers running, the database, limiters, the key cache, metrics).
 */

/**
 * Readies this copy of lib/ before the first request: the tokenizers (counting a stopped answer's
 * tokens), shared with the Next copy through globalThis, are loaded by whichever asks first.
 */
export async function prepareLeanDoor(): Promise<void> {
  await preloadTokenizers(listModels()).catch((error) => console.error("could not load a tokenizer", error));
}

/** Answers the request when it is one of the doors (`door`: lib/metrics.ts `doorOf`); false otherwise. */
export function serveLean(door: string | null, req: IncomingMessage, res: ServerResponse): boolean {
  const route = door ? V1_DOORS[door] : undefined;
  if (!route || req.method !== route.method) return false;
  respond(route.door, req, res).catch((error: unknown) => {
    console.error(error);
    res.destroy();
  });
  return true;
}

async function respond(door: ApiDoor, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const client = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) client.abort();
  });
  const { authorization = null } = req.headers;
  const answer = await door({ authorization, body: bodyOfIncoming(req), signal: client.signal });
  res.writeHead(answer.status, headersOf(req, answer));
  if (typeof answer.body !== "string") return writeStream(answer.body, res, client.signal);
  // Written, then ended: a body given to end() alone would escape the first-byte metric.
  res.write(answer.body);
  res.end();
}

function headersOf(req: IncomingMessage, answer: ApiAnswer): Record<string, string | number> {
  const headers: Record<string, string | number> = {};
  const proto = req.headers["x-forwarded-proto"];
  const path = (req.url ?? "").split("?")[0] ?? "";
  for (const { key, value } of staticHeadersFor(path, typeof proto === "string" ? proto : undefined)) {
    headers[key] = value;
  }
  Object.assign(headers, answer.headers);
  if (typeof answer.body === "string") headers["Content-Length"] = Buffer.byteLength(answer.body);
  return headers;
}

/**
 * Each chunk as it comes, waiting for a slow client. A client that goes away has aborted the
 * door's signal, which ends the chunks; an answer that breaks mid-stream throws.
 */
async function writeStream(chunks: AsyncIterable<string>, res: ServerResponse, gone: AbortSignal): Promise<void> {
  try {
    for await (const chunk of chunks) {
      if (!res.write(chunk)) await once(res, "drain", { signal: gone });
    }
    if (!gone.aborted) res.end();
  } catch {
    // The answer broke mid-stream (or the client went away): no last chunk, so no client takes
    // the body for whole.
    res.destroy();
  }
}
