"use client";

import clsx from "clsx";
import { usePathname, useRouter } from "next/navigation";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ShellContext, type ShellContextValue } from "./shell-context";
import { Sidebar } from "./sidebar";
import type { SidebarConversation } from "./types";

interface AppShellProps {
  initialConversations: SidebarConversation[];
  initialCursor: string | null;
  /** The server's clock when it rendered, so the first render groups dates the same on both sides. */
  renderedAt: number;
  user: { name: string | null; email: string };
  children: ReactNode;
}

export function AppShell({ initialConversations, initialCursor, renderedAt, user, children }: AppShellProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [conversations, setConversations] = useState(initialConversations);
  const [nextCursor, setNextCursor] = useState(initialCursor);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<string | null>(null);
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const loading = useRef(false);

  // A fresh server render of the layout (a refresh) brings a fresher first page: start over from it.
  const [seen, setSeen] = useState(initialConversations);
  if (seen !== initialConversations) {
    setSeen(initialConversations);
    setConversations(initialConversations);
    setNextCursor(initialCursor);
  }

  // The drawer closes whenever the page changes.
  const [lastPath, setLastPath] = useState(pathname);
  if (lastPath !== pathname) {
    setLastPath(pathname);
    setSidebarOpen(false);
  }

  useEffect(() => {
    if (!sidebarOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setSidebarOpen(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [sidebarOpen]);

  const loadMore = useCallback(async () => {
    if (!nextCursor || loading.current) return;
    loading.current = true;
    setLoadingMore(true);
    setLoadMoreError(null);
    try {
      const res = await fetch(`/api/conversations?cursor=${encodeURIComponent(nextCursor)}`, {
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      if (res.status === 401) {
        router.push("/sign-in");
        return;
      }
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const page = (await res.json()) as { items: SidebarConversation[]; nextCursor: string | null };
      setConversations((current) => {
        const known = new Set(current.map((c) => c.id));
        return [...current, ...page.items.filter((c) => !known.has(c.id))];
      });
      setNextCursor(page.nextCursor);
    } catch {
      setLoadMoreError("Could not load more conversations");
    } finally {
      loading.current = false;
      setLoadingMore(false);
    }
  }, [nextCursor, router]);

  const touchConversation = useCallback((conversation: { id: string; title?: string }) => {
    setConversations((current) => {
      const existing = current.find((c) => c.id === conversation.id);
      const title = conversation.title ?? existing?.title ?? "New chat";
      const item = { id: conversation.id, title, updatedAt: new Date().toISOString() };
      return [item, ...current.filter((c) => c.id !== conversation.id)];
    });
  }, []);

  const value = useMemo<ShellContextValue>(
    () => ({
      conversations,
      nextCursor,
      loadingMore,
      loadMoreError,
      loadMore,
      touchConversation,
      sidebarOpen,
      setSidebarOpen,
    }),
    [conversations, nextCursor, loadingMore, loadMoreError, loadMore, touchConversation, sidebarOpen],
  );

  return (
    <ShellContext.Provider value={value}>
      <div className="flex h-dvh overflow-hidden bg-white dark:bg-zinc-950">
        {/* Backdrop of the mobile drawer. */}
        <div
          aria-hidden="true"
          onClick={() => setSidebarOpen(false)}
          className={clsx(
            "fixed inset-0 z-30 bg-zinc-950/30 backdrop-blur-[2px] transition-opacity duration-200 md:hidden",
            sidebarOpen ? "opacity-100" : "pointer-events-none opacity-0",
          )}
        />
        <Sidebar user={user} renderedAt={renderedAt} />
        <main className="flex min-w-0 flex-1 flex-col">{children}</main>
      </div>
    </ShellContext.Provider>
  );
}
