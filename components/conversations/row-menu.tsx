"use client";

import clsx from "clsx";
import { FileDown, FileJson, Pencil, Pin, PinOff, Trash2 } from "lucide-react";
import { type KeyboardEvent, type RefObject, useEffect, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";

interface RowMenuProps {
  conversationId: string;
  pinned: boolean;
  /** The ⋯ button: the menu opens under it, and focus returns to it. */
  anchor: RefObject<HTMLButtonElement | null>;
  onClose: () => void;
  onRename: () => void;
  onTogglePin: () => void;
  onDelete: () => void;
}

const ITEM =
  "flex w-full items-center gap-2.5 rounded-md px-2.5 py-1.5 text-left text-sm text-zinc-700 outline-none hover:bg-zinc-100 focus-visible:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800";
const WIDTH = 208;
const EXPORTS = [
  { format: "markdown", label: "Export as Markdown", Icon: FileDown },
  { format: "json", label: "Export as JSON", Icon: FileJson },
] as const;

/**
 * A conversation's actions. Drawn in a portal at a fixed position, so neither the scrolling list
 * nor the drawer's transform clips it; closes on Escape, a press elsewhere, or a scroll.
 */
export function RowMenu({ conversationId, pinned, anchor, onClose, onRename, onTogglePin, onDelete }: RowMenuProps) {
  const menu = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const rect = anchor.current?.getBoundingClientRect();
    if (!rect) return;
    const below = rect.bottom + 4;
    const height = menu.current?.offsetHeight ?? 220;
    const top = below + height > window.innerHeight ? Math.max(8, rect.top - height - 4) : below;
    setPosition({ top, left: Math.max(8, Math.min(rect.right - WIDTH, window.innerWidth - WIDTH - 8)) });
  }, [anchor]);

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    const outside = (target: EventTarget | null) =>
      !menu.current?.contains(target as Node) && !anchor.current?.contains(target as Node);
    const onPointer = (e: PointerEvent) => outside(e.target) && onClose();
    const onScroll = (e: Event) => outside(e.target) && onClose();
    document.addEventListener("pointerdown", onPointer);
    window.addEventListener("scroll", onScroll, true);
    window.addEventListener("resize", onClose);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      window.removeEventListener("scroll", onScroll, true);
      window.removeEventListener("resize", onClose);
    };
  }, [anchor, onClose]);

  const onKeyDown = (e: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape" || e.key === "Tab") {
      e.preventDefault();
      onClose();
      anchor.current?.focus();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    }
  };

  const choose = (action: () => void) => () => {
    onClose();
    action();
  };

  return createPortal(
    <div
      ref={menu}
      role="menu"
      aria-label="Chat options"
      data-testid="conversation-menu"
      onKeyDown={onKeyDown}
      style={{ top: position?.top ?? -9999, left: position?.left ?? -9999, width: WIDTH }}
      className="fixed z-50 rounded-xl border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      <button
        type="button"
        role="menuitem"
        data-testid="conversation-rename"
        onClick={choose(onRename)}
        className={ITEM}
      >
        <Pencil className="size-4 text-zinc-500" aria-hidden="true" />
        Rename
      </button>
      <button
        type="button"
        role="menuitem"
        data-testid="conversation-pin"
        onClick={choose(onTogglePin)}
        className={ITEM}
      >
        {pinned ? (
          <PinOff className="size-4 text-zinc-500" aria-hidden="true" />
        ) : (
          <Pin className="size-4 text-zinc-500" aria-hidden="true" />
        )}
        {pinned ? "Unpin" : "Pin to top"}
      </button>
      <div className="my-1 h-px bg-zinc-100 dark:bg-zinc-800" />
      {EXPORTS.map(({ format, label, Icon }) => (
        <a
          key={format}
          role="menuitem"
          data-testid={`export-${format}`}
          href={`/api/conversations/${encodeURIComponent(conversationId)}/export?format=${format}`}
          download
          onClick={onClose}
          className={ITEM}
        >
          <Icon className="size-4 text-zinc-500" aria-hidden="true" />
          {label}
        </a>
      ))}
      <div className="my-1 h-px bg-zinc-100 dark:bg-zinc-800" />
      <button
        type="button"
        role="menuitem"
        data-testid="conversation-delete"
        onClick={choose(onDelete)}
        className={clsx(
          ITEM,
          "text-red-600 hover:bg-red-50 focus-visible:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/40",
        )}
      >
        <Trash2 className="size-4" aria-hidden="true" />
        Delete
      </button>
    </div>,
    document.body,
  );
}
