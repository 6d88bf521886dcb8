"use client";

import { PanelLeft, SquarePen } from "lucide-react";
import Link from "next/link";
import { useShell } from "./shell-context";

const grouped = new Intl.NumberFormat("en");

export function ChatHeader({
  model,
  offlineDemo,
  quotaLeft,
}: {
  model: string;
  offlineDemo: boolean;
  quotaLeft: number;
}) {
  const { sidebarOpen, setSidebarOpen } = useShell();
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 px-3 sm:px-4">
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
      <div className="flex min-w-0 items-center gap-2">
        <span
          data-testid="model-label"
          title="Model"
          className="truncate rounded-lg px-2 py-1 text-[0.9375rem] font-medium text-zinc-800 dark:text-zinc-200"
        >
          {model}
        </span>
        {offlineDemo && (
          <span
            title="Answers come from the built-in offline demo model, not a real LLM."
            className="shrink-0 rounded-full border border-amber-200 bg-amber-50 px-2 py-0.5 text-[11px] font-medium text-amber-700 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-300"
          >
            Offline demo
          </span>
        )}
      </div>
      <span
        data-testid="quota-left"
        title="Tokens this workspace can still use this month"
        className="ml-auto hidden shrink-0 text-xs text-zinc-500 tabular-nums sm:inline dark:text-zinc-400"
      >
        {grouped.format(quotaLeft)} tokens left this month
      </span>
      {/* On phones the sidebar (and its New chat button) is folded away. */}
      <Link
        href="/"
        aria-label="New chat"
        title="New chat"
        className="ml-auto sm:ml-0 flex size-9 shrink-0 items-center justify-center rounded-lg text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 md:hidden dark:text-zinc-400 dark:hover:bg-zinc-800"
      >
        <SquarePen className="size-[18px]" aria-hidden="true" />
      </Link>
    </header>
  );
}
