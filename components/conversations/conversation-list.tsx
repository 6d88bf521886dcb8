"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { LoaderCircle } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useShell } from "@/components/chat/shell-context";
import type { SidebarConversation } from "@/components/chat/types";
import { useHydrated } from "@/components/settings/dates";
import { ConversationRow, SelectableRow } from "./conversation-row";
import { type Row, sidebarRows } from "./list-state";

// Fixed row heights (px), so that the virtualizer never has to measure.
const CONVERSATION_HEIGHT = 38;
const GROUP_HEIGHT = 42;
const FIRST_GROUP_HEIGHT = 24;
const MORE_HEIGHT = 64;
/** Start loading the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 15;

interface ConversationListProps {
  /** The server's clock at render time, so that server and first client render group alike. */
  renderedAt: number;
  onDelete: (conversation: SidebarConversation) => void;
  onError: (message: string) => void;
  /** Select mode: the chosen ids and how to (un)choose one; null = rows are links. */
  selection: Selection | null;
}

export interface Selection {
  ids: ReadonlySet<string>;
  toggle: (id: string) => void;
}

/**
 * The sidebar's conversations, virtualized: only the rows in view (and a few around them) are in
 * the DOM, so ten thousand loaded conversations scroll as lightly as fifty. Pages load as the end
 * of the list comes near.
 */
export function ConversationList({ renderedAt, onDelete, onError, selection }: ConversationListProps) {
  const { conversations, nextCursor, loadMore, loadingMore, loadMoreError } = useShell();
  const pathname = usePathname();
  const hydrated = useHydrated();
  const activeId = decodeURIComponent(/^\/c\/([^/?#]+)/.exec(pathname)?.[1] ?? "");
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const scroller = useRef<HTMLElement>(null);

  const rows = useMemo(
    () => sidebarRows(conversations, hydrated ? Date.now() : renderedAt, !hydrated, Boolean(nextCursor)),
    [conversations, hydrated, renderedAt, nextCursor],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => heightOf(rows[index], index),
    getItemKey: (index) => keyOf(rows[index], index),
    overscan: 10,
    // What the server renders (and hydration repeats) before the real size is known.
    initialRect: { width: 260, height: 900 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (nextCursor && !loadingMore && !loadMoreError && lastIndex >= rows.length - PREFETCH_ROWS) loadMore();
  }, [lastIndex, rows.length, nextCursor, loadingMore, loadMoreError, loadMore]);

  return (
    <nav
      ref={scroller}
      aria-label="Conversations"
      className="scroll-thin min-h-0 flex-1 overflow-y-auto px-3 pt-2 pb-4"
    >
      <div data-testid="conversation-list" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {conversations.length === 0 && (
          <p className="px-2 py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
            Your conversations will show up here.
          </p>
        )}
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={item.key}
              className="absolute top-0 left-0 w-full"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {row.kind === "group" ? (
                <h2 className="flex h-full items-end px-2 pb-1.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">
                  {row.label}
                </h2>
              ) : row.kind === "conversation" && selection ? (
                <SelectableRow conversation={row.conversation} selection={selection} />
              ) : row.kind === "conversation" ? (
                <ConversationRow
                  conversation={row.conversation}
                  active={row.conversation.id === activeId}
                  menuOpen={menuFor === row.conversation.id}
                  setMenuOpen={(open) => setMenuFor(open ? row.conversation.id : null)}
                  onDelete={onDelete}
                  onError={onError}
                />
              ) : (
                <LoadMore onLoad={loadMore} loading={loadingMore} error={loadMoreError} />
              )}
            </div>
          );
        })}
      </div>
    </nav>
  );
}

function heightOf(row: Row | undefined, index: number): number {
  if (row?.kind === "group") return index === 0 ? FIRST_GROUP_HEIGHT : GROUP_HEIGHT;
  return row?.kind === "more" ? MORE_HEIGHT : CONVERSATION_HEIGHT;
}

function keyOf(row: Row | undefined, index: number): string {
  if (row?.kind === "conversation") return row.conversation.id;
  return row?.kind === "group" ? `group:${row.label}` : `more:${index}`;
}

/** Pages load by themselves as the list nears its end; the button is the fallback (and the retry). */
function LoadMore({ onLoad, loading, error }: { onLoad: () => void; loading: boolean; error: string | null }) {
  return (
    <div className="px-1 pt-2">
      {error && <p className="px-1 pb-1 text-xs text-red-600">{error}</p>}
      <button
        type="button"
        data-testid="load-more"
        onClick={onLoad}
        disabled={loading}
        className="flex h-8 w-full items-center justify-center gap-2 rounded-lg text-sm text-zinc-500 transition-colors hover:bg-zinc-200/50 hover:text-zinc-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 disabled:cursor-wait"
      >
        {loading && <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />}
        {loading ? "Loading…" : error ? "Try again" : "Load more"}
      </button>
    </div>
  );
}
