import type { MessagePart } from "@/lib/chat/parts";
import { databaseUrl, db, isPostgresUrl } from "./client";
import type { MessageRole, MessageStatus, TokenSource, Visibility } from "./enums";
import { linkFiles, partsColumns } from "./message-parts";
import { inPrismaTransaction } from "./statements";

/** Sharing saved conversations: team visibility, forks, public snapshot links. */

export async function setVisibility(
  conversation: { id: string; updatedAt: Date },
  visibility: Visibility,
): Promise<void> {
  await db().conversation.update({
    where: { id: conversation.id },
    // updatedAt orders the owner's sidebar, and sharing is not an edit: it is kept as it was.
    data: { visibility, sharedAt: visibility === "TEAM" ? new Date() : null, updatedAt: conversation.updatedAt },
  });
}

export interface SharedListItem {
  id: string;
  title: string;
  sharedAt: Date;
  ownerId: string;
  ownerName: string;
}

// LIKE is case-insensitive (for ASCII) on SQLite; PostgreSQL needs Prisma's `mode` for the same.
const insensitive = (): object => (isPostgresUrl(databaseUrl()) ? { mode: "insensitive" } : {});

/** A sharedAt+id position in the team list, so pages stay stable while chats are shared. */
function encodeCursor(item: { sharedAt: Date; id: string }): string {
  return Buffer.from(`${item.sharedAt.getTime()}:${item.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [ms, id] = Buffer.from(cursor, "base64url").toString().split(":");
  return id && Number.isFinite(Number(ms)) ? { at: new Date(Number(ms)), id } : null;
}

/** The team's shared conversations, newest share first, matching `query` in the title or sharer's name. */
export async function listTeamShared(input: {
  workspaceId: string;
  query: string;
  cursor: string | null;
  limit: number;
}): Promise<{ items: SharedListItem[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await db().conversation.findMany({
    where: {
      workspaceId: input.workspaceId,
      visibility: "TEAM",
      deletedAt: null,
      sharedAt: { not: null },
      ...(input.query
        ? {
            OR: [
              { title: { contains: input.query, ...insensitive() } },
              { owner: { name: { contains: input.query, ...insensitive() } } },
            ],
          }
        : {}),
      ...(after
        ? { AND: [{ OR: [{ sharedAt: { lt: after.at } }, { sharedAt: after.at, id: { lt: after.id } }] }] }
        : {}),
    },
    orderBy: [{ sharedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: { id: true, title: true, sharedAt: true, owner: { select: { id: true, name: true } } },
  });
  const items = rows.slice(0, input.limit).map((r) => ({
    id: r.id,
    title: r.title,
    sharedAt: r.sharedAt as Date,
    ownerId: r.owner.id,
    ownerName: r.owner.name,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
}

export interface CopiedMessage {
  role: MessageRole;
  parts: MessagePart[];
  status: MessageStatus;
  model: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  tokenSource: TokenSource | null;
}

/**
 * A new conversation holding copies of `messages` (in order, each following the one before),
 * linked to its source. The usage ledger is not copied: nothing was spent on the copy.
 */
export async function insertFork(input: {
  workspaceId: string;
  ownerId: string;
  title: string;
  model: string;
  systemPrompt: string | null;
  forkedFromId: string;
  forkedFromMessageId: string;
  messages: CopiedMessage[];
}): Promise<{ id: string }> {
  const { messages, ...conversation } = input;
  return db().$transaction(async (tx) => {
    const created = await tx.conversation.create({
      data: { ...conversation, visibility: "PRIVATE" },
      select: { id: true },
    });
    const base = Date.now() - messages.length;
    let parentId: string | null = null;
    for (const [i, message] of messages.entries()) {
      const { parts, ...copied } = message;
      const row: { id: string } = await tx.message.create({
        data: {
          ...copied,
          ...partsColumns(parts),
          conversationId: created.id,
          parentId,
          createdAt: new Date(base + i),
        },
        select: { id: true },
      });
      // The copy holds the same files: readable by whoever may read the copy.
      await inPrismaTransaction(tx, () => linkFiles([{ id: row.id, parts }]));
      parentId = row.id;
    }
    return created;
  });
}

export interface SharingFacts {
  sharedAt: Date | null;
  ownerName: string;
  /** The conversation this one was copied from, while it exists. */
  forkedFrom: { id: string; title: string; workspaceId: string; ownerId: string; visibility: string } | null;
  forkedFromMessageId: string | null;
}

/** Who shared a conversation and when, and where it was forked from. */
export async function findSharingFacts(conversationId: string): Promise<SharingFacts | null> {
  const row = await db().conversation.findUnique({
    where: { id: conversationId },
    select: {
      sharedAt: true,
      forkedFromMessageId: true,
      owner: { select: { name: true } },
      forkedFrom: { select: { id: true, title: true, workspaceId: true, ownerId: true, visibility: true } },
    },
  });
  if (!row) return null;
  return {
    sharedAt: row.sharedAt,
    ownerName: row.owner.name,
    forkedFrom: row.forkedFrom,
    forkedFromMessageId: row.forkedFromMessageId,
  };
}

/** Creates a public link; the conversation's earlier links are revoked with it (one live link at most). */
export async function insertShareLink(input: {
  conversationId: string;
  tokenHash: string;
  snapshot: string;
  createdById: string;
  /** The stored files the snapshot shows: readable through the link while it is live. */
  fileIds?: string[];
}): Promise<{ createdAt: Date }> {
  const { fileIds = [], ...link } = input;
  return db().$transaction(async (tx) => {
    await tx.shareLink.updateMany({
      where: { conversationId: input.conversationId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return tx.shareLink.create({
      data: { ...link, files: { create: [...new Set(fileIds)].map((fileId) => ({ fileId })) } },
      select: { createdAt: true },
    });
  });
}

/** Revokes the conversation's live link; false when it had none. */
export async function revokeShareLinks(conversationId: string): Promise<boolean> {
  const { count } = await db().shareLink.updateMany({
    where: { conversationId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count > 0;
}

export async function findLiveShareLink(conversationId: string): Promise<{ createdAt: Date } | null> {
  return db().shareLink.findFirst({
    where: { conversationId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
}

/** The snapshot behind a token, while the link is live and its conversation still exists. */
export async function findLiveSnapshot(tokenHash: string): Promise<{ snapshot: string; createdAt: Date } | null> {
  return db().shareLink.findFirst({
    where: { tokenHash, revokedAt: null, conversation: { deletedAt: null } },
    select: { snapshot: true, createdAt: true },
  });
}
