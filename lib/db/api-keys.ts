import { db } from "./client";
import { actorsChanged } from "./key-actor-cache";

export interface ApiKeyListItem {
  id: string;
  name: string;
  last4: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const listSelect = {
  id: true,
  name: true,
  last4: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;

export async function insertApiKey(input: {
  workspaceId: string;
  userId: string;
  name: string;
  hash: string;
  last4: string;
  expiresAt: Date | null;
}): Promise<ApiKeyListItem> {
  return db().apiKey.create({ data: input, select: listSelect });
}

/** A user's keys in a workspace, newest first. */
export async function listApiKeys(workspaceId: string, userId: string): Promise<ApiKeyListItem[]> {
  return db().apiKey.findMany({
    where: { workspaceId, userId },
    orderBy: { createdAt: "desc" },
    select: listSelect,
  });
}

/** Revokes the key if it is this user's in this workspace; false when there is no such key. */
export async function revokeApiKey(id: string, workspaceId: string, userId: string): Promise<boolean> {
  const { count } = await db().apiKey.updateMany({
    where: { id, workspaceId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  await actorsChanged();
  return count === 1;
}

/** Whose key it is: the workspace it acts in and its creator. */
export async function findApiKeyHolder(id: string): Promise<{ workspaceId: string; userId: string } | null> {
  return db().apiKey.findUnique({ where: { id }, select: { workspaceId: true, userId: true } });
}

export async function touchApiKey(id: string): Promise<void> {
  await db().apiKey.update({ where: { id }, data: { lastUsedAt: new Date() } });
}
