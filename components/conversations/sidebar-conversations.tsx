"use client";

import clsx from "clsx";
import { lazy, Suspense, useState } from "react";
import { useShell } from "@/components/chat/shell-context";
import { JumpToMessage } from "@/components/search/jump-to-message";
import { SearchBox } from "@/components/search/search-box";
import { useSearch } from "@/components/search/use-search";
import { ConversationList } from "./conversation-list";
import { ImportChats } from "./import-chats";
import { SelectButton } from "./select-button";
import { Toast } from "./toast";
import { useDeleteWithUndo } from "./use-delete-with-undo";

// Loaded when a search is typed or select mode starts, not with every page.
const SearchResults = lazy(() =>
  import("@/components/search/search-results").then((m) => ({ default: m.SearchResults })),
);
const SelectBar = lazy(() => import("./select-bar").then((m) => ({ default: m.SelectBar })));

/**
 * The sidebar's conversations part: search and import on top, then the list (or, while a search
 * is typed, its results), and the delete/Undo notice.
 */
export function SidebarConversations({ renderedAt }: { renderedAt: number }) {
  const { setSidebarOpen, conversations } = useShell();
  const [query, setQuery] = useState("");
  const search = useSearch(query);
  const { toast, closeToast, showError, remove, removeAll, undo } = useDeleteWithUndo();
  // Select mode: the chosen ids (null: not selecting).
  const [selected, setSelected] = useState<ReadonlySet<string> | null>(null);
  const searching = query.trim() !== "" && selected === null;

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const deleteSelected = () => {
    if (!selected) return;
    void removeAll(conversations.filter((c) => selected.has(c.id)));
    setSelected(null);
  };

  return (
    <>
      <div className="flex items-center gap-1 px-3 pb-1">
        {selected ? (
          <Suspense fallback={<div className="h-9 w-full" />}>
            <SelectBar
              count={selected.size}
              total={conversations.length}
              onSelectAll={() => setSelected(new Set(conversations.map((c) => c.id)))}
              onDelete={deleteSelected}
              onCancel={() => setSelected(null)}
            />
          </Suspense>
        ) : (
          <>
            <SearchBox value={query} onChange={setQuery} />
            {conversations.length > 0 && <SelectButton onClick={() => setSelected(new Set())} />}
            <ImportChats />
          </>
        )}
      </div>
      {searching && (
        <div className="scroll-thin min-h-0 flex-1 overflow-y-auto px-3 pt-2 pb-4">
          <Suspense fallback={null}>
            <SearchResults state={search} onNavigate={() => setSidebarOpen(false)} />
          </Suspense>
        </div>
      )}
      {/* Kept mounted while searching, so the list keeps its place and loaded pages. */}
      <div className={clsx("flex min-h-0 flex-1 flex-col", searching && "hidden")}>
        <ConversationList
          renderedAt={renderedAt}
          onDelete={(c) => void remove(c)}
          onError={showError}
          selection={selected ? { ids: selected, toggle } : null}
        />
      </div>
      <Toast toast={toast} onUndo={(ids) => void undo(ids)} onClose={closeToast} />
      <JumpToMessage />
    </>
  );
}
