"use client";

import { Search, X } from "lucide-react";

/** The sidebar's search field. Escape clears it. `id` lets a keyboard shortcut focus it. */
export function SearchBox({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <search className="relative min-w-0 flex-1">
      <Search
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400"
        aria-hidden="true"
      />
      <input
        id="conversation-search"
        type="search"
        data-testid="search-input"
        aria-label="Search chats"
        placeholder="Search chats"
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && value) {
            e.preventDefault();
            onChange("");
          }
        }}
        className="h-9 w-full rounded-lg border border-transparent bg-zinc-200/50 pr-8 pl-8 text-sm text-zinc-900 outline-none placeholder:text-zinc-500 focus:border-zinc-300 focus:bg-white focus:ring-2 focus:ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-100 dark:focus:border-zinc-600 dark:focus:bg-zinc-900 dark:focus:ring-zinc-700 [&::-webkit-search-cancel-button]:hidden"
      />
      {value && (
        <button
          type="button"
          aria-label="Clear search"
          onClick={() => onChange("")}
          className="absolute top-1/2 right-1.5 flex size-6 -translate-y-1/2 items-center justify-center rounded-md text-zinc-400 hover:bg-zinc-200 hover:text-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:hover:bg-zinc-700"
        >
          <X className="size-3.5" aria-hidden="true" />
        </button>
      )}
    </search>
  );
}
