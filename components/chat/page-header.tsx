"use client";

import clsx from "clsx";
import { PanelLeft } from "lucide-react";
import type { ReactNode } from "react";
import { useShell } from "./shell-context";

/** The top bar of every page in the chat shell; on phones it starts with the button that opens the sidebar drawer. */
export function PageHeader({ className, children }: { className?: string; children: ReactNode }) {
  const { sidebarOpen, setSidebarOpen } = useShell();
  return (
    <header className={clsx("flex h-14 shrink-0 items-center gap-2 px-3 sm:px-4", className)}>
      <button
        type="button"
        data-testid="open-sidebar"
        aria-label="Open sidebar"
        aria-controls="sidebar"
        aria-expanded={sidebarOpen}
        onClick={() => setSidebarOpen(true)}
        className="flex size-9 items-center justify-center rounded-lg text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 md:hidden dark:text-zinc-400 dark:hover:bg-zinc-800"
      >
        <PanelLeft className="size-5" aria-hidden="true" />
      </button>
      {children}
    </header>
  );
}
