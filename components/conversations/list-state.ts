import { type GroupLabel, groupOf } from "@/components/chat/dates";
import type { SidebarConversation } from "@/components/chat/types";

/**
 * The sidebar's list as pure functions: where a conversation goes, how a fresh first page merges
 * with what is loaded, and the flat rows the virtualized list draws.
 */

const newestFirst = (a: SidebarConversation, b: SidebarConversation) =>
  b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id);
const lastPinnedFirst = (a: SidebarConversation, b: SidebarConversation) =>
  (b.pinnedAt ?? "").localeCompare(a.pinnedAt ?? "") || b.id.localeCompare(a.id);

/** Replaces the conversation with the same id, or adds it; keeps the list in sidebar order. */
export function upsert(list: SidebarConversation[], item: SidebarConversation): SidebarConversation[] {
  return sortForSidebar([item, ...list.filter((c) => c.id !== item.id)]);
}

export function sortForSidebar(list: SidebarConversation[]): SidebarConversation[] {
  const pinned = list.filter((c) => c.pinnedAt).sort(lastPinnedFirst);
  const rest = list.filter((c) => !c.pinnedAt).sort(newestFirst);
  return [...pinned, ...rest];
}

/**
 * A fresh first page (pinned + newest) replaces everything it covers: loaded conversations newer
 * than its oldest one that it lacks were deleted or pinned elsewhere; older ones stay as loaded.
 */
export function mergeFirstPage(
  current: SidebarConversation[],
  page: SidebarConversation[],
  pageIsComplete: boolean,
): SidebarConversation[] {
  const fresh = new Set(page.map((c) => c.id));
  const oldest = page.filter((c) => !c.pinnedAt).at(-1);
  const older = pageIsComplete
    ? []
    : current.filter((c) => !fresh.has(c.id) && !c.pinnedAt && oldest && newestFirst(oldest, c) < 0);
  return sortForSidebar([...page, ...older]);
}

export type Row =
  | { kind: "group"; label: GroupLabel | "Pinned" }
  | { kind: "conversation"; conversation: SidebarConversation }
  | { kind: "more" };

/** Pinned first, then the date groups of chat history; a "more" row while pages remain. */
export function sidebarRows(list: SidebarConversation[], now: number, utc: boolean, hasMore: boolean): Row[] {
  const rows: Row[] = [];
  const pinned = list.filter((c) => c.pinnedAt);
  if (pinned.length > 0) rows.push({ kind: "group", label: "Pinned" });
  for (const conversation of pinned) rows.push({ kind: "conversation", conversation });
  let group: GroupLabel | null = null;
  for (const conversation of list) {
    if (conversation.pinnedAt) continue;
    const label = groupOf(Date.parse(conversation.updatedAt), now, utc);
    if (label !== group) {
      group = label;
      rows.push({ kind: "group", label });
    }
    rows.push({ kind: "conversation", conversation });
  }
  if (hasMore) rows.push({ kind: "more" });
  return rows;
}
