"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
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

const SHORTCUTS = [
  { keys: ["Mod", "Shift", "O"], action: "New chat" },
  { keys: ["Mod", "K"], action: "Search chats" },
  { keys: ["Shift", "Esc"], action: "Focus the message box" },
  { keys: ["Esc"], action: "Stop generating" },
  { keys: ["Enter"], action: "Send message" },
  { keys: ["Shift", "Enter"], action: "New line" },
  { keys: ["?"], action: "Show keyboard shortcuts" },
] as const;

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

  return <ShortcutsSheet open={open} onClose={() => setOpen(false)} />;
}

/** On phones the search field is in the folded sidebar: open it first. */
function focusSearch(openSidebar: () => void): void {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (!input) return;
  if (input.offsetParent === null || getComputedStyle(input).visibility === "hidden") openSidebar();
  requestAnimationFrame(() => input.focus());
}

function ShortcutsSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  // The platform's name for the modifier key, read in the browser once the sheet opens.
  const [mac, setMac] = useState(false);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setMac(/Mac|iPhone|iPad/.test(navigator.platform));
  }

  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      testId="shortcuts-sheet"
      className="w-[min(26rem,calc(100vw-2rem))]"
    >
      <dl className="divide-y divide-zinc-100 px-5 pt-2 pb-4 sm:px-6 dark:divide-zinc-800">
        {SHORTCUTS.map(({ keys, action }) => (
          <div key={action} className="flex items-center justify-between gap-4 py-2.5">
            <dt className="text-sm text-zinc-700 dark:text-zinc-300">{action}</dt>
            <dd className="flex shrink-0 gap-1">
              {keys.map((k) => (
                <kbd
                  key={k}
                  className="min-w-7 rounded-md border border-zinc-200 bg-zinc-50 px-1.5 py-0.5 text-center font-sans text-xs font-medium text-zinc-700 shadow-[0_1px_0_rgb(0_0_0/0.06)] dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200"
                >
                  {k === "Mod" ? (mac ? "⌘" : "Ctrl") : k}
                </kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </ModalDialog>
  );
}
