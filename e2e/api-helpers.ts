import { randomBytes } from "node:crypto";
import { E2E } from "./env";

export function chatRequest(key: string | null, body: unknown, base = E2E.appUrl): Promise<Response> {
  return postChat(key ? { Authorization: `Bearer ${key}` } : {}, body, base);
}

export async function postChat(headers: Record<string, string>, body: unknown, base = E2E.appUrl): Promise<Response> {
  const send = () =>
    fetch(`${base}/api/v1/chat`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  try {
    return await send();
  } catch (error) {
    // A pause between requests can leave a pooled keep-alive socket idle past the server's
    // keep-alive timeout; reusing it just as the server closes it fails before the request is
    // sent ("other side closed"). That is the test client's transport, not the API: send again.
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code !== "UND_ERR_SOCKET") throw error;
    return send();
  }
}

/** Reads a streamed body chunk by chunk; a body that ends abnormally is reported, not thrown. */
export async function readChunks(response: Response): Promise<{ chunks: string[]; text: string; broken: boolean }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  let broken = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(decoder.decode(value, { stream: true }));
    }
  } catch {
    broken = true;
  }
  return { chunks, text: chunks.join(""), broken };
}

export const uniqueKeyLike = () => `spj_ai_${randomBytes(24).toString("base64url")}`;
