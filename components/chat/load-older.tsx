"use client";

import { useEffect, useRef } from "react";

/**
 * Earlier messages come as the reader scrolls up; the button is there for the keyboard, and says
 * so. Whenever it is on screen the earlier messages are loaded too: a reader already at the top
 * gets no scroll event by scrolling further (one who scrolled up before the page hydrated, or a
 * window shorter than the screen).
 */
export function LoadOlder({ loading, onLoad }: { loading: boolean; onLoad: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  const latest = useRef(onLoad);
  latest.current = onLoad;

  // On coming into view only (and once when first observed): a load that failed leaves it in
  // view, and must not be retried in a loop; the reader can click, or scroll away and back.
  useEffect(() => {
    const el = button.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) latest.current();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <button
      ref={button}
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
