"use client";

import clsx from "clsx";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { useConversationList } from "@/components/conversations/use-conversation-list";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { ShellContext, type ShellContextValue } from "./shell-context";
import { Sidebar } from "./sidebar";
import type { SidebarConversation } from "./types";

interface AppShellProps {
  initialConversations: SidebarConversation[];
  initialCursor: string | null;
  /** Whose list this is (user and workspace): other tabs with the same scope stay in step. */
  listScope: string;
  /** The server's clock when it rendered, so the first render groups dates the same on both sides. */
  renderedAt: number;
  user: { name: string | null; email: string };
  children: ReactNode;
}

export function AppShell({
  initialConversations,
  initialCursor,
  listScope,
  renderedAt,
  user,
  children,
}: AppShellProps) {
  const pathname = usePathname();
  const list = useConversationList(initialConversations, initialCursor, listScope);
  const [sidebarOpen, setSidebarOpen] = useState(false);

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

  const value = useMemo<ShellContextValue>(() => ({ ...list, sidebarOpen, setSidebarOpen }), [list, sidebarOpen]);

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
      <KeyboardShortcuts />
    </ShellContext.Provider>
  );
}
