"use client";

import { createContext, useContext } from "react";
import type { SidebarConversation } from "./types";

export interface ShellContextValue {
  conversations: SidebarConversation[];
  nextCursor: string | null;
  loadingMore: boolean;
  loadMoreError: string | null;
  loadMore: () => void;
  /** Puts a conversation at the top of the sidebar (new, or just answered). */
  touchConversation: (conversation: { id: string; title?: string }) => void;
  sidebarOpen: boolean;
  setSidebarOpen: (open: boolean) => void;
}

export const ShellContext = createContext<ShellContextValue | null>(null);

export function useShell(): ShellContextValue {
  const value = useContext(ShellContext);
  if (!value) throw new Error("useShell must be used inside <AppShell>");
  return value;
}
