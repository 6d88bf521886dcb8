"use client";

import clsx from "clsx";
import { SlidersHorizontal, SquarePen } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { ModelChoice } from "@/lib/chat/chat-view";
import { ModelSwitcher } from "./model-switcher";
import { PageHeader } from "./page-header";

const grouped = new Intl.NumberFormat("en");

export function ChatHeader({
  model,
  models,
  onPickModel,
  offlineDemo,
  quotaLeft,
  conversationTokens,
  onOpenSettings,
  extra,
}: {
  model: string;
  models: ModelChoice[];
  onPickModel: (modelId: string) => Promise<string | null>;
  offlineDemo: boolean;
  quotaLeft: number;
  /** Tokens this conversation has used so far, every answer and its prompt, all versions. */
  conversationTokens: number;
  onOpenSettings: () => void;
  extra?: ReactNode;
}) {
  return (
    <PageHeader>
      <div className="flex min-w-0 items-center gap-2">
        <ModelSwitcher models={models} current={model} onPick={onPickModel} />
        <button
          type="button"
          data-testid="settings-open"
          aria-haspopup="dialog"
          aria-label="Chat settings"
          title="Chat settings: model, system prompt, temperature, max tokens"
          onClick={onOpenSettings}
          className="flex size-8 shrink-0 items-center justify-center rounded-lg text-zinc-500 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          <SlidersHorizontal className="size-4" aria-hidden="true" />
        </button>
        {offlineDemo && (
          <span
            title="Answers come from the built-in offline demo model, not a real LLM."
            className="hidden shrink-0 rounded-full border border-amber-200 bg-amber-50 px-2 py-0.5 text-[11px] font-medium text-amber-700 sm:inline dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-300"
          >
            Offline demo
          </span>
        )}
      </div>
      {conversationTokens > 0 && (
        <>
          <span
            data-testid="conversation-tokens"
            title="Tokens this conversation has used: every answer with its prompt, all versions"
            className="ml-auto hidden shrink-0 text-xs text-zinc-600 tabular-nums lg:inline dark:text-zinc-400"
          >
            {grouped.format(conversationTokens)} tokens in this chat
          </span>
          <span aria-hidden="true" className="hidden text-zinc-300 lg:inline dark:text-zinc-700">
            ·
          </span>
        </>
      )}
      <span
        data-testid="quota-left"
        title="Tokens this workspace can still use this month"
        className={clsx(
          "ml-auto hidden shrink-0 text-xs text-zinc-600 tabular-nums sm:inline dark:text-zinc-400",
          conversationTokens > 0 && "lg:ml-0",
        )}
      >
        {grouped.format(quotaLeft)} tokens left this month
      </span>
      {extra}
      <ThemeToggle className="ml-auto sm:ml-0" />
      {/* On phones the sidebar (and its New chat button) is folded away. */}
      <Link
        href="/"
        aria-label="New chat"
        title="New chat"
        className="flex size-9 shrink-0 items-center justify-center rounded-lg text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 md:hidden dark:text-zinc-400 dark:hover:bg-zinc-800"
      >
        <SquarePen className="size-[18px]" aria-hidden="true" />
      </Link>
    </PageHeader>
  );
}
