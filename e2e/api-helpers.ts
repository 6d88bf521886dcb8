import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { E2E } from "./env";

/** The operators' CLI against the e2e install's database (the way deployments provision keys). */
export function admin(...args: string[]): string {
  return execFileSync("node_modules/.bin/tsx", ["scripts/admin.ts", ...args], {
    env: { ...process.env, DATABASE_URL: E2E.databaseUrl },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

/** A new user with a password and an API key in their personal workspace. */
export function userWithKey(options: { plan?: string } = {}) {
  const email = `api-${randomBytes(5).toString("hex")}@example.test`;
  const password = "correct horse battery";
  admin("users", "create", "--email", email, "--name", "API User", "--password", password);
  if (options.plan) admin("plan", "set", "--email", email, "--plan", options.plan);
  const key = admin("keys", "create", "--email", email, "--name", "ci");
  return { email, password, key };
}

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
    // The CLI calls between requests can leave a pooled keep-alive socket idle past the server's
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
