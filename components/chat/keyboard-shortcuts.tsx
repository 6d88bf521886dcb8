"use client";

import { useRouter } from "next/navigation";
import { lazy, Suspense, useEffect, useState } from "react";
import { useShell } from "./shell-context";

/**
 * App-wide keyboard shortcuts and the `?` sheet that lists them. The chat view and the search
 * field are found without coupling: the chat listens for CHAT_EVENTS, the search field is the
 * element with id SEARCH_INPUT_ID (components/search/search-box.tsx).
 */
export const CHAT_EVENTS = {
  focusComposer: "spj:focus-composer",
  stopAnswer: "spj:stop-answer",
} as const;

const SEARCH_INPUT_ID = "conversation-search";

// The sheet (and its dialog) load the first time it is asked for, not with every page.
const ShortcutsSheet = lazy(() => import("./shortcuts-sheet"));

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)));
}

export function KeyboardShortcuts() {
  const router = useRouter();
  const { setSidebarOpen } = useShell();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.toLowerCase();
      if (mod && e.shiftKey && key === "o") {
        e.preventDefault();
        router.push("/");
        window.dispatchEvent(new Event(CHAT_EVENTS.focusComposer));
      } else if (mod && !e.shiftKey && key === "k") {
        e.preventDefault();
        focusSearch(() => setSidebarOpen(true));
      } else if (e.shiftKey && key === "escape") {
        e.preventDefault();
        window.dispatchEvent(new Event(CHAT_EVENTS.focusComposer));
      } else if (key === "escape" && !document.querySelector("dialog[open]")) {
        window.dispatchEvent(new Event(CHAT_EVENTS.stopAnswer));
      } else if ((e.key === "?" && !isTyping(e.target)) || (mod && key === "/")) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, setSidebarOpen]);

  return open ? (
    <Suspense fallback={null}>
      <ShortcutsSheet open onClose={() => setOpen(false)} />
    </Suspense>
  ) : null;
}

/** On phones the search field is in the folded sidebar: open it first. */
function focusSearch(openSidebar: () => void): void {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (!input) return;
  if (input.offsetParent === null || getComputedStyle(input).visibility === "hidden") openSidebar();
  requestAnimationFrame(() => input.focus());
}
