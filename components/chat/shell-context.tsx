"use client";

import { createContext, useContext } from "react";
import type { ConversationListState } from "@/components/conversations/use-conversation-list";

/** The conversation list (components/conversations/use-conversation-list.ts) and the drawer. */
export interface ShellContextValue extends ConversationListState {
  sidebarOpen: boolean;
  setSidebarOpen: (open: boolean) => void;
}

export const ShellContext = createContext<ShellContextValue | null>(null);

export function useShell(): ShellContextValue {
  const value = useContext(ShellContext);
  if (!value) throw new Error("useShell must be used inside <AppShell>");
  return value;
}
