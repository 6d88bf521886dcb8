import { bodyStream } from "@/lib/chat/stream";
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
  /** Aborted when the client goes away: the answer stops (startChat) and its stream ends. */
  signal: AbortSignal;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or a stream's chunks (lib/chat/stream.ts `streamAnswer`), written as they come. */
  body: string | AsyncIterable<string>;
}

export type ApiDoor = (call: ApiCall) => Promise<ApiAnswer>;

export function jsonAnswer(body: unknown, status = 200, headers: Record<string, string> = {}): ApiAnswer {
  return { status, headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) };
}

/** The door as a Next route handler. */
export function nextRoute(door: ApiDoor): (request: Request) => Promise<Response> {
  return async (request) => {
    // Gone when the request is aborted or the response body cancelled, whichever Next reports.
    const client = new AbortController();
    const leave = () => client.abort();
    request.signal.addEventListener("abort", leave, { once: true });
    const call = { authorization: request.headers.get("authorization"), body: bodyOfRequest(request) };
    const answer = await door({ ...call, signal: client.signal });
    const body = typeof answer.body === "string" ? answer.body : bodyStream(answer.body, leave);
    return new Response(body, { status: answer.status, headers: answer.headers });
  };
}
