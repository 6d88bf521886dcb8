"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SidebarConversation } from "@/components/chat/types";
import { mergeFirstPage, sortForSidebar, upsert } from "./list-state";
import { type ListChange, openListSync } from "./sync";

export interface ConversationListState {
  /** Pinned first, then newest first. */
  conversations: SidebarConversation[];
  nextCursor: string | null;
  loadingMore: boolean;
  loadMoreError: string | null;
  loadMore: () => void;
  /** Puts a conversation at the top of the sidebar (new, or just answered). */
  touchConversation: (conversation: { id: string; title?: string }) => void;
  /** A renamed, pinned or restored conversation, as the server now has it. */
  putConversation: (conversation: SidebarConversation) => void;
  removeConversation: (id: string) => void;
  /** Fetches the first page again (after an import). */
  refreshConversations: () => void;
}

type Page = { items: SidebarConversation[]; nextCursor: string | null };

/** A tab away this long refetches the first page when it is shown again (changes on other devices). */
const STALE_AFTER_MS = 30_000;

/**
 * The sidebar's conversations: the server's first page, the pages loaded since, and every change
 * made here, in other tabs (BroadcastChannel, see sync.ts) or, for a tab brought back into view,
 * on other devices.
 */
export function useConversationList(
  initialConversations: SidebarConversation[],
  initialCursor: string | null,
  scope: string,
): ConversationListState {
  const router = useRouter();
  const [conversations, setConversations] = useState(() => sortForSidebar(initialConversations));
  const [nextCursor, setNextCursor] = useState(initialCursor);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<string | null>(null);
  const loading = useRef(false);

  // A fresh server render of the layout (a refresh) brings a fresher first page: start over from it.
  const [seen, setSeen] = useState(initialConversations);
  if (seen !== initialConversations) {
    setSeen(initialConversations);
    setConversations(sortForSidebar(initialConversations));
    setNextCursor(initialCursor);
  }

  const fetchPage = useCallback(
    async (cursor: string | null): Promise<Page | null> => {
      const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
      const res = await fetch(`/api/conversations${query}`, {
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      if (res.status === 401) {
        router.push("/sign-in");
        return null;
      }
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as Page;
    },
    [router],
  );

  const loadMore = useCallback(async () => {
    if (!nextCursor || loading.current) return;
    loading.current = true;
    setLoadingMore(true);
    setLoadMoreError(null);
    try {
      const page = await fetchPage(nextCursor);
      if (!page) return;
      setConversations((current) => {
        const known = new Set(current.map((c) => c.id));
        return sortForSidebar([...current, ...page.items.filter((c) => !known.has(c.id))]);
      });
      setNextCursor(page.nextCursor);
    } catch {
      setLoadMoreError("Could not load more conversations");
    } finally {
      loading.current = false;
      setLoadingMore(false);
    }
  }, [nextCursor, fetchPage]);

  const refreshFirstPage = useCallback(async () => {
    const page = await fetchPage(null).catch(() => null);
    if (!page) return;
    setConversations((current) => mergeFirstPage(current, page.items, page.nextCursor === null));
    // Pages loaded before stay; a list that was complete may now have more.
    setNextCursor((cursor) => cursor ?? page.nextCursor);
  }, [fetchPage]);

  const apply = useCallback(
    (change: ListChange) => {
      if (change.type === "upsert") setConversations((current) => upsert(current, change.conversation));
      else if (change.type === "remove") setConversations((current) => current.filter((c) => c.id !== change.id));
      else void refreshFirstPage();
    },
    [refreshFirstPage],
  );

  const sync = useRef<ReturnType<typeof openListSync> | null>(null);
  useEffect(() => {
    sync.current = openListSync(scope, apply);
    return () => sync.current?.close();
  }, [scope, apply]);

  // Changes made here: applied at once, and told to the other tabs.
  const change = useCallback(
    (next: ListChange) => {
      apply(next);
      sync.current?.post(next);
    },
    [apply],
  );

  useEffect(() => {
    let hiddenAt = 0;
    const onVisibility = () => {
      if (document.visibilityState === "hidden") hiddenAt = Date.now();
      else if (hiddenAt && Date.now() - hiddenAt > STALE_AFTER_MS) void refreshFirstPage();
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, [refreshFirstPage]);

  const conversationsRef = useRef(conversations);
  useEffect(() => {
    conversationsRef.current = conversations;
  }, [conversations]);

  const touchConversation = useCallback(
    ({ id, title }: { id: string; title?: string }) => {
      const existing = conversationsRef.current.find((c) => c.id === id);
      const conversation = {
        id,
        title: title ?? existing?.title ?? "New chat",
        updatedAt: new Date().toISOString(),
        pinnedAt: existing?.pinnedAt ?? null,
      };
      change({ type: "upsert", conversation });
    },
    [change],
  );

  return useMemo(
    () => ({
      conversations,
      nextCursor,
      loadingMore,
      loadMoreError,
      loadMore,
      touchConversation,
      putConversation: (conversation: SidebarConversation) => change({ type: "upsert", conversation }),
      removeConversation: (id: string) => change({ type: "remove", id }),
      refreshConversations: () => change({ type: "refresh" }),
    }),
    [conversations, nextCursor, loadingMore, loadMoreError, loadMore, touchConversation, change],
  );
}
