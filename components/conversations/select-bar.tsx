"use client";

import { Trash2, X } from "lucide-react";
import { iconButton } from "./select-button";

/** Select mode's bar, in place of search: how many are chosen, Delete, and leaving the mode. */
export function SelectBar({
  count,
  total,
  onSelectAll,
  onDelete,
  onCancel,
}: {
  count: number;
  total: number;
  onSelectAll: () => void;
  onDelete: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="flex h-9 w-full items-center gap-1" data-testid="select-bar">
      <button type="button" aria-label="Leave select mode" title="Done" onClick={onCancel} className={iconButton}>
        <X className="size-4" aria-hidden="true" />
      </button>
      <p className="min-w-0 flex-1 truncate text-sm text-zinc-700 dark:text-zinc-300" aria-live="polite">
        {count === 0 ? "Select chats" : `${count} selected`}
      </p>
      {count < total && (
        <button
          type="button"
          onClick={onSelectAll}
          className="h-8 rounded-lg px-2 text-sm text-zinc-600 hover:bg-zinc-200/70 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          All
        </button>
      )}
      <button
        type="button"
        data-testid="delete-selected"
        disabled={count === 0}
        onClick={onDelete}
        className="flex h-8 items-center gap-1.5 rounded-lg bg-red-600 px-2.5 text-sm font-medium text-white transition-colors hover:bg-red-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-red-400 disabled:cursor-not-allowed disabled:opacity-40"
      >
        <Trash2 className="size-3.5" aria-hidden="true" />
        Delete
      </button>
    </div>
  );
}
