import type { Actor } from "@/lib/auth/actor";
import { SIDEBAR_PAGE_SIZE } from "@/lib/chat/conversations";
import { type ConversationListItem, listConversations, listPinnedConversations } from "@/lib/db/conversations";
import { MAX_PINNED } from "./manage";

/** A sidebar entry as the browser gets it (dates as ISO strings). */
export interface SidebarItem {
  id: string;
  title: string;
  updatedAt: string;
  pinnedAt: string | null;
}

export interface SidebarPage {
  items: SidebarItem[];
  nextCursor: string | null;
}

export const toSidebarItem = (c: ConversationListItem): SidebarItem => ({
  id: c.id,
  title: c.title,
  updatedAt: c.updatedAt.toISOString(),
  pinnedAt: c.pinnedAt?.toISOString() ?? null,
});

/**
 * The actor's own conversations in the workspace they act in. The first page (no cursor) brings
 * the pinned ones too; later pages continue the newest-first list from the cursor.
 */
export async function sidebarPage(actor: Actor, cursor: string | null): Promise<SidebarPage> {
  const owner = { ownerId: actor.userId, workspaceId: actor.workspaceId };
  const [pinned, page] = await Promise.all([
    cursor ? [] : listPinnedConversations({ ...owner, limit: MAX_PINNED }),
    listConversations({ ...owner, cursor, limit: SIDEBAR_PAGE_SIZE }),
  ]);
  return { items: [...pinned, ...page.items].map(toSidebarItem), nextCursor: page.nextCursor };
}
