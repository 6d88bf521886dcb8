"use client";

/** Earlier messages come as the reader scrolls up; the button is there for the keyboard, and says so. */
export function LoadOlder({ loading, onLoad }: { loading: boolean; onLoad: () => void }) {
  return (
    <button
      type="button"
      data-testid="load-older"
      onClick={onLoad}
      disabled={loading}
      className="mx-auto rounded-full px-3 py-1 text-xs text-zinc-500 hover:bg-zinc-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 disabled:opacity-60 dark:text-zinc-400 dark:hover:bg-zinc-800"
    >
      {loading ? "Loading earlier messages…" : "Load earlier messages"}
    </button>
  );
}
