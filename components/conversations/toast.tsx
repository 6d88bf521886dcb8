"use client";

import { CircleAlert, RotateCcw, X } from "lucide-react";
import { useEffect } from "react";
import { createPortal } from "react-dom";
import { UNDO_WINDOW_MS } from "@/lib/conversations/undo";

/** `ids`: the chats just deleted (one, or several from select mode); `title`: the first one's. */
export type ToastMessage = { kind: "deleted"; ids: string[]; title: string } | { kind: "error"; message: string };

/** Errors stay a little longer than it takes to read them. */
const ERROR_MS = 6_000;

/**
 * The sidebar's one notice at a time, at the bottom of the window (in a portal, so a closed
 * drawer does not hide it): "Deleted … · Undo" for the undo window, or what went wrong.
 */
export function Toast({
  toast,
  onUndo,
  onClose,
}: {
  toast: ToastMessage | null;
  onUndo: (ids: string[]) => void;
  onClose: () => void;
}) {
  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(onClose, toast.kind === "deleted" ? UNDO_WINDOW_MS : ERROR_MS);
    return () => window.clearTimeout(timer);
  }, [toast, onClose]);

  if (!toast || typeof document === "undefined") return null;
  return createPortal(
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4 md:justify-start md:pl-4">
      <div
        role="status"
        data-testid={toast.kind === "deleted" ? "delete-toast" : "error-toast"}
        className="pointer-events-auto flex max-w-sm items-center gap-3 rounded-xl bg-zinc-900 py-2.5 pr-2 pl-4 text-sm text-white shadow-xl dark:bg-zinc-100 dark:text-zinc-900"
      >
        {toast.kind === "deleted" ? (
          <>
            <span className="min-w-0 truncate">
              {toast.ids.length === 1 ? (
                <>
                  Deleted “<span className="font-medium">{toast.title || "Untitled chat"}</span>”
                </>
              ) : (
                `Deleted ${toast.ids.length} chats`
              )}
            </span>
            <button
              type="button"
              data-testid="undo-delete"
              onClick={() => onUndo(toast.ids)}
              className="flex shrink-0 items-center gap-1.5 rounded-lg px-2.5 py-1 font-medium text-amber-300 hover:bg-white/10 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-amber-300 dark:text-amber-700 dark:hover:bg-zinc-900/10"
            >
              <RotateCcw className="size-3.5" aria-hidden="true" />
              Undo
            </button>
          </>
        ) : (
          <span className="flex min-w-0 items-start gap-2">
            <CircleAlert className="mt-0.5 size-4 shrink-0 text-red-400" aria-hidden="true" />
            {toast.message}
          </span>
        )}
        <button
          type="button"
          aria-label="Dismiss"
          onClick={onClose}
          className="flex size-7 shrink-0 items-center justify-center rounded-lg text-white/60 hover:bg-white/10 hover:text-white focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white/60 dark:text-zinc-900/60 dark:hover:bg-zinc-900/10"
        >
          <X className="size-4" aria-hidden="true" />
        </button>
      </div>
    </div>,
    document.body,
  );
}
