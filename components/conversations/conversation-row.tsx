"use client";

import clsx from "clsx";
import { Ellipsis } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { type ActionResult, pinConversationAction, renameConversationAction } from "@/app/(chat)/conversations/actions";
import { useShell } from "@/components/chat/shell-context";
import type { SidebarConversation } from "@/components/chat/types";
import type { Selection } from "./conversation-list";
import { RowMenu } from "./row-menu";

interface ConversationRowProps {
  conversation: SidebarConversation;
  active: boolean;
  menuOpen: boolean;
  setMenuOpen: (open: boolean) => void;
  onDelete: (conversation: SidebarConversation) => void;
  /** Says what went wrong with a change (it has been undone here). */
  onError: (message: string) => void;
}

/** One conversation in the sidebar: a link, an options menu, and the title editor while renaming. */
export function ConversationRow({
  conversation,
  active,
  menuOpen,
  setMenuOpen,
  onDelete,
  onError,
}: ConversationRowProps) {
  const { putConversation, setSidebarOpen } = useShell();
  const [renaming, setRenaming] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const title = conversation.title || "Untitled chat";

  // Changes show at once; a refusal puts the conversation back as it was and says why.
  const change = async <T,>(next: SidebarConversation, save: () => Promise<ActionResult<T>>) => {
    putConversation(next);
    const result = await save();
    if (!result.ok) {
      putConversation(conversation);
      onError(result.error);
    }
    return result;
  };

  const rename = async (value: string) => {
    setRenaming(false);
    const trimmed = value.replace(/\s+/g, " ").trim();
    if (!trimmed || trimmed === conversation.title) return;
    const result = await change({ ...conversation, title: trimmed }, () =>
      renameConversationAction(conversation.id, trimmed),
    );
    if (result.ok) putConversation({ ...conversation, title: result.title });
  };

  const togglePin = async () => {
    const pinnedAt = conversation.pinnedAt ? null : new Date().toISOString();
    const result = await change({ ...conversation, pinnedAt }, () =>
      pinConversationAction(conversation.id, pinnedAt !== null),
    );
    if (result.ok) putConversation({ ...conversation, pinnedAt: result.pinnedAt });
  };

  if (renaming) return <TitleEditor initial={conversation.title} onDone={rename} onCancel={() => setRenaming(false)} />;

  return (
    <div className="group/row relative">
      <Link
        href={`/c/${conversation.id}`}
        data-testid="conversation-item"
        data-conversation-id={conversation.id}
        aria-current={active ? "page" : undefined}
        title={title}
        onClick={() => setSidebarOpen(false)}
        className={clsx(
          "block truncate rounded-lg py-2 pr-9 pl-2.5 text-sm transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400",
          active || menuOpen
            ? "bg-zinc-200/80 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
            : "text-zinc-700 hover:bg-zinc-200/50 hover:text-zinc-900 md:pr-2.5 md:group-focus-within/row:pr-9 md:group-hover/row:pr-9 dark:text-zinc-300 dark:hover:bg-zinc-800/60",
        )}
      >
        {title}
      </Link>
      <button
        ref={menuButton}
        type="button"
        data-testid="conversation-options"
        aria-label={`Options for ${title}`}
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        onClick={() => setMenuOpen(!menuOpen)}
        className={clsx(
          "absolute top-1/2 right-1 flex size-7 -translate-y-1/2 items-center justify-center rounded-md text-zinc-500 transition-opacity hover:bg-zinc-300/60 hover:text-zinc-900 focus-visible:opacity-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-zinc-100",
          active || menuOpen
            ? "opacity-100"
            : "md:opacity-0 md:group-focus-within/row:opacity-100 md:group-hover/row:opacity-100",
        )}
      >
        <Ellipsis className="size-4" aria-hidden="true" />
      </button>
      {menuOpen && (
        <RowMenu
          conversationId={conversation.id}
          pinned={Boolean(conversation.pinnedAt)}
          anchor={menuButton}
          onClose={() => setMenuOpen(false)}
          onRename={() => setRenaming(true)}
          onTogglePin={() => void togglePin()}
          onDelete={() => onDelete(conversation)}
        />
      )}
    </div>
  );
}

/** A row in select mode: a checkbox with the title, no link and no menu. */
export function SelectableRow({
  conversation,
  selection,
}: {
  conversation: SidebarConversation;
  selection: Selection;
}) {
  const checked = selection.ids.has(conversation.id);
  return (
    <label
      data-testid="conversation-select"
      data-conversation-id={conversation.id}
      className={clsx(
        "flex cursor-pointer items-center gap-2.5 rounded-lg py-2 pr-2.5 pl-2.5 text-sm transition-colors has-focus-visible:ring-2 has-focus-visible:ring-zinc-400",
        checked
          ? "bg-zinc-200/80 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
          : "text-zinc-700 hover:bg-zinc-200/50 dark:text-zinc-300 dark:hover:bg-zinc-800/60",
      )}
    >
      <input
        type="checkbox"
        checked={checked}
        onChange={() => selection.toggle(conversation.id)}
        className="size-4 shrink-0 accent-zinc-900 outline-none dark:accent-zinc-100"
      />
      <span className="min-w-0 truncate">{conversation.title || "Untitled chat"}</span>
    </label>
  );
}

/** Inline title editing: Enter or leaving the field saves, Escape cancels. */
function TitleEditor({
  initial,
  onDone,
  onCancel,
}: {
  initial: string;
  onDone: (value: string) => void;
  onCancel: () => void;
}) {
  const cancelled = useRef(false);
  return (
    <input
      // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this title
      autoFocus
      data-testid="rename-input"
      aria-label="Chat title"
      defaultValue={initial}
      maxLength={200}
      onFocus={(e) => e.currentTarget.select()}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          e.currentTarget.blur();
        } else if (e.key === "Escape") {
          e.preventDefault();
          cancelled.current = true;
          onCancel();
        }
      }}
      onBlur={(e) => {
        if (!cancelled.current) onDone(e.currentTarget.value);
      }}
      className="block h-9 w-full rounded-lg border border-zinc-300 bg-white px-2.5 text-sm text-zinc-900 outline-none focus:border-zinc-400 focus:ring-2 focus:ring-zinc-300 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100"
    />
  );
}
