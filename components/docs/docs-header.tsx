"use client";

import { FileJson, PanelLeft } from "lucide-react";
import { useShell } from "@/components/chat/shell-context";

/** The docs page's top bar: the drawer button on phones, the title, and the raw OpenAPI link. */
export function DocsHeader({ specUrl }: { specUrl: string }) {
  const { sidebarOpen, setSidebarOpen } = useShell();
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-zinc-100 px-3 sm:px-4 dark:border-zinc-900">
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
      <span className="px-2 text-[0.9375rem] font-medium text-zinc-800 dark:text-zinc-200">API docs</span>
      <a
        href={specUrl}
        data-testid="openapi-link"
        className="ml-auto inline-flex h-8 items-center gap-1.5 rounded-lg border border-zinc-200 px-2.5 text-xs font-medium text-zinc-600 transition-colors hover:bg-zinc-50 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-800 dark:text-zinc-300 dark:hover:bg-zinc-900"
      >
        <FileJson className="size-3.5" aria-hidden="true" />
        OpenAPI 3.1
      </a>
    </header>
  );
}
