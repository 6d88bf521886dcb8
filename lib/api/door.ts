import { bodyOfRequest, type RequestBody } from "@/lib/http/body";

/**
 * A public API door as a plain function of what it reads and what it answers, so that one
 * pipeline serves both the Next route (app/api/v1/…/route.ts: `next dev`, the tests) and the
 * production server's lean door (lib/api/lean-door.ts), which builds no WHATWG Request or Response.
 */
export interface ApiCall {
  /** The Authorization header. */
  authorization: string | null;
  body: RequestBody;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or a stream written as it comes; a client that goes away cancels it. */
  body: string | ReadableStream<Uint8Array>;
}

export type ApiDoor = (call: ApiCall) => Promise<ApiAnswer>;

export function jsonAnswer(body: unknown, status = 200, headers: Record<string, string> = {}): ApiAnswer {
  return { status, headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) };
}

/** The door as a Next route handler. */
export function nextRoute(door: ApiDoor): (request: Request) => Promise<Response> {
  return async (request) => {
    const call = { authorization: request.headers.get("authorization"), body: bodyOfRequest(request) };
    const answer = await door({ ...call, signal: request.signal });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}
