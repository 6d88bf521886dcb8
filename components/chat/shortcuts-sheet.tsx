"use client";

import { useState } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";

/** The `?` sheet listing the keyboard shortcuts (components/chat/keyboard-shortcuts.tsx). */

const SHORTCUTS = [
  { keys: ["Mod", "Shift", "O"], action: "New chat" },
  { keys: ["Mod", "K"], action: "Search chats" },
  { keys: ["Shift", "Esc"], action: "Focus the message box" },
  { keys: ["Esc"], action: "Stop generating" },
  { keys: ["Enter"], action: "Send message" },
  { keys: ["Shift", "Enter"], action: "New line" },
  { keys: ["?"], action: "Show keyboard shortcuts" },
] as const;

export default function ShortcutsSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  // The platform's name for the modifier key (the sheet is only ever rendered in the browser).
  const [mac] = useState(() => /Mac|iPhone|iPad/.test(navigator.platform));

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
