import type { MessagePart } from "@/lib/chat/parts";
import { db } from "./client";
import { GENERATING, type MessageRole, type MessageStatus, type TokenSource } from "./enums";
import { partsOfRow } from "./message-parts";

export interface ConversationRecord {
  id: string;
  workspaceId: string;
  ownerId: string;
  title: string;
  model: string;
  systemPrompt: string | null;
  visibility: string;
  temperature: number | null;
  maxTokens: number | null;
  /** The last message of the branch shown; null = the newest message. */
  activeLeafId: string | null;
  updatedAt: Date;
}

export interface ConversationListItem {
  id: string;
  title: string;
  updatedAt: Date;
  pinnedAt: Date | null;
}

export interface MessageRecord {
  id: string;
  /** The message this one follows (see lib/chat/branches.ts); null = a root, or a legacy row. */
  parentId: string | null;
  role: MessageRole;
  parts: MessagePart[];
  /** The plain text of the text parts (derived on write; see ./message-parts.ts). */
  content: string;
  status: MessageStatus;
  error: string | null;
  model: string | null;
  /** The provider that answered (null for questions, and answers saved before providers were configurable). */
  provider: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  tokenSource: TokenSource | null;
  createdAt: Date;
}

const conversationSelect = {
  id: true,
  workspaceId: true,
  ownerId: true,
  title: true,
  model: true,
  systemPrompt: true,
  visibility: true,
  temperature: true,
  maxTokens: true,
  activeLeafId: true,
  updatedAt: true,
} as const;

const messageSelect = {
  id: true,
  parentId: true,
  role: true,
  content: true,
  parts: true,
  status: true,
  error: true,
  model: true,
  provider: true,
  promptTokens: true,
  completionTokens: true,
  tokenSource: true,
  createdAt: true,
} as const;

/** Deleted conversations (waiting for Undo, see lib/conversations/manage.ts) are not found. */
export async function findConversation(id: string): Promise<ConversationRecord | null> {
  return db().conversation.findUnique({ where: { id, deletedAt: null }, select: conversationSelect });
}

/** The conversation's saved messages; an answer still being generated is followed, not listed. */
export async function listMessages(conversationId: string): Promise<MessageRecord[]> {
  const rows = await db().message.findMany({
    where: { conversationId, status: { not: GENERATING } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: messageSelect,
  });
  return rows.map((row) => ({ ...row, parts: partsOfRow(row) }) as MessageRecord);
}

/** A saved message without its text: enough to place it in the tree and count its tokens. */
export interface MessageOutline {
  id: string;
  parentId: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
}

/** The conversation's tree without the messages' text (lib/chat/message-window.ts), in creation order. */
export async function listMessageOutline(conversationId: string): Promise<MessageOutline[]> {
  return db().message.findMany({
    where: { conversationId, status: { not: GENERATING } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, parentId: true, promptTokens: true, completionTokens: true },
  });
}

/** These saved messages of the conversation, whole, in creation order. */
export async function listMessagesById(conversationId: string, ids: string[]): Promise<MessageRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db().message.findMany({
    where: { conversationId, id: { in: ids }, status: { not: GENERATING } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: messageSelect,
  });
  return rows.map((row) => ({ ...row, parts: partsOfRow(row) }) as MessageRecord);
}

/** Every conversation `ownerId` has in `workspaceId` (deleted ones aside), newest first: for "Export all". */
export async function listOwnedConversations(ownerId: string, workspaceId: string): Promise<ConversationRecord[]> {
  return db().conversation.findMany({
    where: { ownerId, workspaceId, deletedAt: null },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    select: conversationSelect,
  });
}

/** Cursor = the last item's (updatedAt, id), so pages stay stable while chats are added. */
export function encodeCursor(item: ConversationListItem): string {
  return Buffer.from(`${item.updatedAt.getTime()}:${item.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { updatedAt: Date; id: string } | null {
  const [ms, id] = Buffer.from(cursor, "base64url").toString().split(":");
  const time = Number(ms);
  return id && Number.isFinite(time) ? { updatedAt: new Date(time), id } : null;
}

const listItemSelect = { id: true, title: true, updatedAt: true, pinnedAt: true } as const;

/** The sidebar's chronological part: the owner's unpinned conversations, newest first, a page at a time. */
export async function listConversations(input: {
  ownerId: string;
  workspaceId: string;
  cursor?: string | null;
  limit: number;
}): Promise<{ items: ConversationListItem[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const items = await db().conversation.findMany({
    where: {
      ownerId: input.ownerId,
      workspaceId: input.workspaceId,
      pinnedAt: null,
      deletedAt: null,
      ...(after
        ? {
            // The bound repeats the OR's outer edge so that the index seek starts at the cursor
            // instead of walking every page before it (see BENCHMARKS.md, sidebar page 100).
            updatedAt: { lte: after.updatedAt },
            OR: [{ updatedAt: { lt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { lt: after.id } }],
          }
        : {}),
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: listItemSelect,
  });
  const page = items.slice(0, input.limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: items.length > input.limit && last ? encodeCursor(last) : null };
}

/** The sidebar's top: the owner's pinned conversations, last pinned first (few: pins are capped). */
export async function listPinnedConversations(input: {
  ownerId: string;
  workspaceId: string;
  limit: number;
}): Promise<ConversationListItem[]> {
  return db().conversation.findMany({
    where: { ownerId: input.ownerId, workspaceId: input.workspaceId, pinnedAt: { not: null }, deletedAt: null },
    orderBy: [{ pinnedAt: "desc" }, { id: "desc" }],
    take: input.limit,
    select: listItemSelect,
  });
}
