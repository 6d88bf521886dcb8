"use client";

import { PanelLeft } from "lucide-react";
import { useShell } from "@/components/chat/shell-context";

/** The top bar of a settings page: the title, and the sidebar toggle on phones. */
export function SettingsHeader({ title, section = "Settings" }: { title: string; section?: string }) {
  const { sidebarOpen, setSidebarOpen } = useShell();
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-zinc-100 px-3 sm:px-4 md:border-transparent dark:border-zinc-900">
      <button
        type="button"
        aria-label="Open sidebar"
        aria-controls="sidebar"
        aria-expanded={sidebarOpen}
        onClick={() => setSidebarOpen(true)}
        className="flex size-9 items-center justify-center rounded-lg text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 md:hidden dark:text-zinc-400 dark:hover:bg-zinc-800"
      >
        <PanelLeft className="size-5" aria-hidden="true" />
      </button>
      <p className="px-2 text-[0.9375rem] font-medium text-zinc-800 dark:text-zinc-200">
        <span className="text-zinc-500 dark:text-zinc-400">{section}</span>
        <span className="mx-1.5 text-zinc-300 dark:text-zinc-600" aria-hidden="true">
          /
        </span>
        {title}
      </p>
    </header>
  );
}
