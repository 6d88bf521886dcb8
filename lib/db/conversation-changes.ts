import { db } from "./client";
import type { ConversationListItem } from "./conversations";

/**
 * The owner's edits to a conversation that are not activity: renaming, pinning and deleting do
 * not move it in the sidebar. They are raw UPDATEs because Prisma would set @updatedAt on any
 * update it makes. Each returns whether a (not deleted) row changed.
 */

/** A user's title: from now on it wins over a generated one (lib/db/titles.ts). */
export async function setTitle(id: string, title: string): Promise<boolean> {
  const changed = await db().$executeRaw`UPDATE "Conversation" SET "title" = ${title}, "titleSource" = 'USER'
    WHERE "id" = ${id} AND "deletedAt" IS NULL`;
  return changed === 1;
}

export async function setPinnedAt(id: string, pinnedAt: Date | null): Promise<boolean> {
  const changed = await db().$executeRaw`UPDATE "Conversation" SET "pinnedAt" = ${pinnedAt}
    WHERE "id" = ${id} AND "deletedAt" IS NULL`;
  return changed === 1;
}

export async function countPinned(ownerId: string, workspaceId: string): Promise<number> {
  return db().conversation.count({ where: { ownerId, workspaceId, pinnedAt: { not: null }, deletedAt: null } });
}

/** Soft delete: the row stays (for Undo) until purgeDeleted removes it. */
export async function markDeleted(id: string, at: Date): Promise<boolean> {
  const changed = await db().$executeRaw`UPDATE "Conversation" SET "deletedAt" = ${at}
    WHERE "id" = ${id} AND "deletedAt" IS NULL`;
  return changed === 1;
}

export async function unmarkDeleted(id: string): Promise<boolean> {
  const changed = await db().$executeRaw`UPDATE "Conversation" SET "deletedAt" = NULL
    WHERE "id" = ${id} AND "deletedAt" IS NOT NULL`;
  return changed === 1;
}

export interface DeletedConversation extends ConversationListItem {
  workspaceId: string;
  ownerId: string;
  visibility: string;
  deletedAt: Date;
}

export async function findDeleted(id: string): Promise<DeletedConversation | null> {
  const row = await db().conversation.findUnique({
    where: { id, deletedAt: { not: null } },
    select: {
      id: true,
      title: true,
      updatedAt: true,
      pinnedAt: true,
      workspaceId: true,
      ownerId: true,
      visibility: true,
      deletedAt: true,
    },
  });
  return row as DeletedConversation | null;
}

/**
 * Removes conversations deleted before `deletedBefore` and quiet (no message saved) since
 * `quietSince`, with their messages; the usage ledger keeps its rows (conversationId becomes
 * null). Returns how many went.
 */
export async function purgeDeleted(deletedBefore: Date, quietSince: Date): Promise<number> {
  const { count } = await db().conversation.deleteMany({
    where: { deletedAt: { lt: deletedBefore }, updatedAt: { lt: quietSince } },
  });
  return count;
}
