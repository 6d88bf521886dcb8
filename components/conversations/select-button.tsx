"use client";

import { ListChecks } from "lucide-react";

export const iconButton =
  "flex size-9 shrink-0 items-center justify-center rounded-lg text-zinc-500 transition-colors hover:bg-zinc-200/70 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";

/** Enters the sidebar's select mode (choose chats, then delete them at once). */
export function SelectButton({ onClick }: { onClick: () => void }) {
  return (
    <button
      type="button"
      data-testid="select-mode"
      aria-label="Select chats"
      title="Select chats"
      onClick={onClick}
      className={iconButton}
    >
      <ListChecks className="size-4" aria-hidden="true" />
    </button>
  );
}
