import { createHash, randomBytes } from "node:crypto";

/**
 * Secret link tokens (invites, public share links): 192 random bits, URL-safe. Only their
 * SHA-256 is stored, so a copy of the database opens no link.
 */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token as it may appear in a URL; anything else is refused before any lookup. */
export function isLinkTokenShape(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{32}$/.test(token);
}
