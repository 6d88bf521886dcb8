import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * The one way a door reads a request body. It refuses with 413 as soon as the declared
 * `Content-Length` or the bytes read so far pass the limit, so an oversized body is never held
 * in memory, and with 408 when the body has not fully arrived within the time limit, so a client
 * that declares a large body and sends a trickle cannot hold the request open. Both answers
 * close the connection: the server stops reading whatever the client still sends.
 */

const Env = z.object({
  // Well above the largest plan's prompt (lib/usage/plans.ts: 100,000 characters, up to 6 bytes
  // each once JSON-escaped) plus the rest of a request.
  HTTP_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  HTTP_BODY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export interface BodyLimits {
  maxBytes: number;
  timeoutMs: number;
}

export function bodyLimits(): BodyLimits {
  const env = Env.parse(process.env);
  return { maxBytes: env.HTTP_MAX_BODY_BYTES, timeoutMs: env.HTTP_BODY_TIMEOUT_MS };
}

const CLOSE = { Connection: "close" };

export function bodyTooLarge(maxBytes: number, message = `Request body too large: at most ${maxBytes} bytes`) {
  return new AppError("payload_too_large", message, {}, CLOSE);
}

const bodyTimedOut = () => new AppError("request_timeout", "The request body took too long to arrive", {}, CLOSE);

/** A body being read, as a ReadableStream's reader reads it: the next chunk, or stop reading. */
interface BodyReader {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  cancel(): Promise<void>;
}

/**
 * A request's body as any door has it: a WHATWG Request (Next's routes) or Node's own request
 * (the lean API door, lib/api/lean-door.ts), read the same way without building one from the other.
 */
export interface RequestBody {
  /** The Content-Length header, when the client declared one. */
  contentLength: string | null;
  /** Starts reading; null when there is no body. */
  open(): BodyReader | null;
}

export function bodyOfRequest(request: Request): RequestBody {
  return { contentLength: request.headers.get("content-length"), open: () => request.body?.getReader() ?? null };
}

export function bodyOfIncoming(req: IncomingMessage): RequestBody {
  return {
    contentLength: req.headers["content-length"] ?? null,
    open() {
      // Not destroyed when reading stops early (413, 408): that would destroy the socket before
      // the answer is written. lib/http/lingering-close.ts drops the rest.
      const chunks: AsyncIterator<Uint8Array> = req.iterator({ destroyOnReturn: false });
      return {
        read: () => chunks.next() as Promise<ReadableStreamReadResult<Uint8Array>>,
        cancel: async () => void (await chunks.return?.()),
      };
    },
  };
}

/** The body's bytes, within the limits (the environment's unless given). */
export async function readBody(
  request: Request | RequestBody,
  limits: Partial<BodyLimits> & { tooLargeMessage?: string } = {},
): Promise<Uint8Array> {
  const { maxBytes, timeoutMs } = { ...bodyLimits(), ...limits };
  const tooLarge = () => bodyTooLarge(maxBytes, limits.tooLargeMessage);
  const body = request instanceof Request ? bodyOfRequest(request) : request;
  const declared = Number(body.contentLength ?? 0);
  if (declared > maxBytes) throw tooLarge();
  const reader = body.open();
  if (!reader) return new Uint8Array();

  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(bodyTimedOut()), timeoutMs);
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let read = await Promise.race([reader.read(), deadline]); !read.done; ) {
      size += read.value.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(read.value);
      read = await Promise.race([reader.read(), deadline]);
    }
  } catch (error) {
    void reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}

/** The body as text (invalid UTF-8 becomes U+FFFD, as `Request.text()` does). */
export async function readBodyText(request: Request | RequestBody, limits?: Partial<BodyLimits>): Promise<string> {
  return new TextDecoder().decode(await readBody(request, limits));
}

/** The body as JSON; anything unparsable is `null`, for the caller's schema to refuse. */
export async function readBodyJson(request: Request | RequestBody, limits?: Partial<BodyLimits>): Promise<unknown> {
  const text = await readBodyText(request, limits);
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
