import type { SidebarConversation } from "@/components/chat/types";

/**
 * Keeps every tab of this browser showing the same conversation list. BroadcastChannel delivers
 * a change to the other tabs at once, costs the server nothing, and needs no connection; another
 * device catches up when its tab comes back into view (use-conversation-list.ts refetches the
 * first page then), so nothing polls in the background.
 */
export type ListChange =
  | { type: "upsert"; conversation: SidebarConversation }
  | { type: "remove"; id: string }
  /** Many changed at once (an import): fetch the first page again. */
  | { type: "refresh" };

/** `scope` (user and workspace) keeps a tab in another account or workspace out of it. */
export function openListSync(
  scope: string,
  onChange: (change: ListChange) => void,
): {
  post: (change: ListChange) => void;
  close: () => void;
} {
  if (typeof BroadcastChannel === "undefined") return { post: () => {}, close: () => {} };
  const channel = new BroadcastChannel(`spj-conversations:${scope}`);
  channel.onmessage = (event: MessageEvent<ListChange>) => onChange(event.data);
  return { post: (change) => channel.postMessage(change), close: () => channel.close() };
}
