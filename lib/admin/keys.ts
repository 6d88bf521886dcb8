import { z } from "zod";
import { API_KEY_PREFIX, createApiKey } from "@/lib/auth/api-keys";
import { canManageApiKey } from "@/lib/auth/policy";
import { findApiKeyById, revokeApiKeyById } from "@/lib/db/admin";
import { type ApiKeyListItem, findApiKeyHolder, listApiKeys, revokeApiKey } from "@/lib/db/api-keys";
import { AppError } from "@/lib/errors";
import { parseInput } from "./input";
import { resolveUser } from "./users";

/**
 * API key management, for people (their own keys in their workspace, from Settings) and for
 * operators (any user's personal workspace, from scripts/admin.ts). A key is shown once, when it
 * is created; only its SHA-256 and last 4 characters are stored.
 */

/** Whose keys: a user in a workspace (a session actor, or a user resolved by an operator). */
export interface KeyOwner {
  userId: string;
  workspaceId: string;
}

export const MAX_KEY_EXPIRY_DAYS = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;

const ExpiryDaysSchema = z
  .union([z.number(), z.string().trim()], { error: "Expiry must be a whole number of days" })
  .transform((value) => (value === "" ? undefined : Number(value)))
  .pipe(
    z
      .number({ error: "Expiry must be a whole number of days" })
      .int("Expiry must be a whole number of days")
      .min(1, "Expiry must be at least 1 day")
      .max(MAX_KEY_EXPIRY_DAYS, `Expiry must be at most ${MAX_KEY_EXPIRY_DAYS} days`)
      .optional(),
  );

export const CreateKeySchema = z.object({
  name: z
    .string({ error: "Give the key a name" })
    .trim()
    .min(1, "Give the key a name")
    .max(80, "The key's name must be at most 80 characters"),
  /** Days until the key stops working; empty or absent = never. */
  expiresInDays: ExpiryDaysSchema.optional(),
});

export type CreateKeyInput = z.input<typeof CreateKeySchema>;

export type ApiKeyStatus = "active" | "expired" | "revoked";

/** A key as the keys page and the CLI show it: never the key itself. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** `spj_ai_…abcd` */
  display: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: ApiKeyStatus;
}

export function maskedKey(last4: string): string {
  return `${API_KEY_PREFIX}…${last4}`;
}

export function keyStatus(key: Pick<ApiKeyListItem, "revokedAt" | "expiresAt">, now = Date.now()): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now) return "expired";
  return "active";
}

export function toKeyView(key: ApiKeyListItem, now = Date.now()): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    display: maskedKey(key.last4),
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    status: keyStatus(key, now),
  };
}

export interface CreatedKey {
  /** The full key. Returned here once; it cannot be read back later. */
  key: string;
  view: ApiKeyView;
}

/** Creates a key for `owner` in their workspace. */
export async function createKeyFor(owner: KeyOwner, input: CreateKeyInput, now = new Date()): Promise<CreatedKey> {
  const data = parseInput(CreateKeySchema, input);
  const expiresAt = data.expiresInDays === undefined ? null : new Date(now.getTime() + data.expiresInDays * DAY_MS);
  const { key, record } = await createApiKey({
    workspaceId: owner.workspaceId,
    userId: owner.userId,
    name: data.name,
    expiresAt,
  });
  return { key, view: toKeyView(record, now.getTime()) };
}

/** The owner's keys in their workspace, newest first. */
export async function listKeysFor(owner: KeyOwner): Promise<ApiKeyView[]> {
  const now = Date.now();
  return (await listApiKeys(owner.workspaceId, owner.userId)).map((key) => toKeyView(key, now));
}

const KeyIdSchema = z
  .string({ error: "API key not found" })
  .trim()
  .min(1, "API key not found")
  .max(64, "API key not found");

/**
 * Revokes one of the owner's own keys. Someone else's key, a key of another workspace and an
 * unknown id all answer the same not-found; revoking an already revoked own key is a no-op.
 */
export async function revokeKeyFor(owner: KeyOwner, id: unknown): Promise<void> {
  const keyId = parseInput(KeyIdSchema, id);
  const key = await findApiKeyHolder(keyId);
  if (!key || !canManageApiKey(owner, key)) throw new AppError("not_found", "API key not found");
  await revokeApiKey(keyId, key.workspaceId, key.userId);
}

// Operators (scripts/admin.ts): by email, and any key by id.

export async function createKeyForEmail(
  email: unknown,
  input: CreateKeyInput,
): Promise<CreatedKey & { email: string; workspaceId: string }> {
  const user = await resolveUser(email);
  const created = await createKeyFor({ userId: user.id, workspaceId: user.workspaceId }, input);
  return { ...created, email: user.email, workspaceId: user.workspaceId };
}

export async function listKeysForEmail(email: unknown): Promise<ApiKeyView[]> {
  const user = await resolveUser(email);
  return listKeysFor({ userId: user.id, workspaceId: user.workspaceId });
}

/** Revokes any key by id. Tells whether it was revoked now or already had been. */
export async function revokeKeyById(
  id: unknown,
): Promise<{ id: string; name: string; email: string; alreadyRevoked: boolean }> {
  const keyId = parseInput(KeyIdSchema, id);
  const key = await findApiKeyById(keyId);
  if (!key) throw new AppError("not_found", `No API key with id ${keyId}`);
  const revoked = await revokeApiKeyById(keyId);
  return { id: key.id, name: key.name, email: key.user.email, alreadyRevoked: !revoked };
}
