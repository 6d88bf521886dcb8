import { createHash, randomBytes } from "node:crypto";
import { type ApiKeyListItem, insertApiKey, touchApiKey } from "@/lib/db/api-keys";
import { findKeyActorCached, noteKeyUsed } from "@/lib/db/key-actor-cache";
import type { WorkspaceLimits } from "@/lib/db/workspaces";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";

/** `spj_ai_` + 192 random bits, URL-safe. Shown once; only its SHA-256 is stored. */
export const API_KEY_PREFIX = "spj_ai_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export async function createApiKey(input: {
  workspaceId: string;
  userId: string;
  name: string;
  expiresAt: Date | null;
}): Promise<{ key: string; record: ApiKeyListItem }> {
  const key = `${API_KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const record = await insertApiKey({ ...input, hash: hashApiKey(key), last4: key.slice(-4) });
  return { key, record };
}

export type ApiActor = Actor & { via: "api_key"; apiKeyId: string; limits: WorkspaceLimits };

const INVALID = () => new AppError("unauthenticated", "Invalid API key");
// lastUsedAt is a hint for the keys page, not an audit log: one write a minute at most.
const TOUCH_EVERY_MS = 60_000;

/**
 * Resolves `Authorization: Bearer spj_ai_…` to the key's workspace and creator. The key, its
 * creator and their membership are read in one prepared statement and kept for at most a second
 * (lib/db/key-actor-cache.ts): a revoked or expired key, or a disabled creator, fails within a
 * second on every instance, and at once on the instance (and, with Redis, every instance) that
 * made the change.
 */
export async function authenticateApiKey(authorization: string | null): Promise<ApiActor> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
  const key = match?.[1];
  if (!key?.startsWith(API_KEY_PREFIX)) throw INVALID();
  const hash = hashApiKey(key);
  const record = await findKeyActorCached(hash);
  const now = Date.now();
  if (!record || record.revokedAt !== null || (record.expiresAt !== null && record.expiresAt <= now)) throw INVALID();
  if (record.userDisabledAt !== null) throw INVALID();
  // The key acts with its creator's role; a creator who left the workspace leaves it powerless.
  const member = record.membership;
  if (!member) throw new AppError("forbidden", "Insufficient permissions");
  if (record.lastUsedAt === null || now - record.lastUsedAt > TOUCH_EVERY_MS) {
    noteKeyUsed(hash, now);
    touchApiKey(record.id).catch((error) => console.error("could not record key use", error));
  }
  const limits: WorkspaceLimits = {
    plan: member.plan,
    tokenQuota: member.tokenQuota,
    memberTokenQuota: member.memberTokenQuota,
    role: member.role,
  };
  return { userId: record.userId, workspaceId: record.workspaceId, via: "api_key", apiKeyId: record.id, limits };
}
