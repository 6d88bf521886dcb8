"use client";

import { BookOpenText, GitFork, LoaderCircle, PanelLeft } from "lucide-react";
import { useCallback, useRef, useState, useTransition } from "react";
import { forkConversationAction } from "@/app/(chat)/c/[id]/actions";
import { LoadOlder } from "@/components/chat/load-older";
import { Message } from "@/components/chat/message";
import { useShell } from "@/components/chat/shell-context";
import type { ChatMessage } from "@/components/chat/types";
import { useOlderMessages } from "@/components/chat/use-older-messages";
import { useStickToBottom } from "@/components/chat/use-stick-to-bottom";
import { formatAgo, useDateContext } from "@/components/settings/dates";
import { Initials } from "@/components/teams/initials";
import { ForkedFrom } from "./forked-from";

interface ReadOnlyConversationProps {
  conversationId: string;
  title: string;
  /** The newest messages of the branch shared (lib/chat/message-window.ts). */
  messages: ChatMessage[];
  /** There are earlier ones, loaded as the reader scrolls up. */
  hasOlder: boolean;
  sharedBy: { name: string; sharedAt: string | null };
  forkedFrom: { id: string | null; title: string } | null;
  /** The server's clock when it rendered, so dates render the same on both sides. */
  renderedAt: number;
}

const noRetry = () => {};

/**
 * A colleague's conversation, shared with the team: read it, and continue it in a private copy
 * (from the end, or from any answer). There is no composer: it is not yours to post into.
 */
export function ReadOnlyConversation(props: ReadOnlyConversationProps) {
  const { setSidebarOpen } = useShell();
  const dates = useDateContext(props.renderedAt);
  const [forking, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [messages, setMessages] = useState(() => props.messages.map((m) => ({ ...m, parentId: m.parentId ?? null })));
  const visible = messages.filter((m) => m.role !== "system");
  const { scroller, onScroll, keepInPlace } = useStickToBottom(messages);
  const conversationId = useRef<string | null>(props.conversationId);
  const addOlder = useCallback((older: typeof messages) => setMessages((shown) => [...older, ...shown]), []);
  const older = useOlderMessages({
    conversationId,
    path: messages,
    addOlder,
    keepInPlace,
    hasOlder: props.hasOlder,
    unloadedTokens: 0,
  });

  const fork = (messageId?: string) => {
    setError(null);
    start(async () => {
      const result = await forkConversationAction(props.conversationId, messageId);
      if (result && !result.ok) setError(result.error);
    });
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex h-14 shrink-0 items-center gap-2 px-3 sm:px-4">
        <button
          type="button"
          aria-label="Open sidebar"
          aria-controls="sidebar"
          onClick={() => setSidebarOpen(true)}
          className="flex size-9 items-center justify-center rounded-lg text-zinc-600 hover:bg-zinc-100 md:hidden dark:text-zinc-400 dark:hover:bg-zinc-800"
        >
          <PanelLeft className="size-5" aria-hidden="true" />
        </button>
        <h1 className="min-w-0 truncate px-2 text-[0.9375rem] font-medium text-zinc-800 dark:text-zinc-200">
          {props.title || "Untitled chat"}
        </h1>
        {props.forkedFrom && <ForkedFrom source={props.forkedFrom} />}
        <span
          data-testid="shared-by"
          className="ml-auto hidden shrink-0 items-center gap-2 text-xs text-zinc-500 sm:inline-flex dark:text-zinc-400"
        >
          <Initials
            text={props.sharedBy.name}
            className="size-6 bg-indigo-100 text-[10px] text-indigo-700 dark:bg-indigo-900 dark:text-indigo-200"
          />
          Shared by {props.sharedBy.name}
          {props.sharedBy.sharedAt && ` · ${formatAgo(props.sharedBy.sharedAt, dates)}`}
        </span>
      </header>

      <div
        ref={scroller}
        onScroll={() => {
          onScroll();
          older.loadNearTop(scroller.current);
        }}
        className="scroll-thin min-h-0 flex-1 overflow-y-auto"
      >
        <div
          role="log"
          aria-label="Conversation"
          data-testid="read-only-conversation"
          className="mx-auto flex w-full max-w-3xl flex-col gap-8 px-4 pt-6 pb-10 sm:px-6"
        >
          {older.hasOlder && <LoadOlder loading={older.loading} onLoad={() => void older.loadOlder()} />}
          {visible.map((m) => (
            <div key={m.id} className="group/fork relative">
              <Message message={m} canRetry={false} onRetry={noRetry} />
              {m.role === "assistant" && m.id !== visible[visible.length - 1]?.id && (
                <button
                  type="button"
                  data-testid="fork-from-here"
                  onClick={() => fork(m.id)}
                  disabled={forking}
                  className="mt-1 ml-12 inline-flex items-center gap-1.5 rounded-md px-1.5 py-1 text-xs text-zinc-400 opacity-100 transition-opacity hover:bg-zinc-100 hover:text-zinc-700 sm:opacity-0 sm:group-hover/fork:opacity-100 sm:focus-visible:opacity-100 dark:hover:bg-zinc-800"
                >
                  <GitFork className="size-3.5" aria-hidden="true" />
                  Continue from here
                </button>
              )}
            </div>
          ))}
        </div>
      </div>

      <div className="mx-auto w-full max-w-3xl px-3 pb-3 sm:px-4 sm:pb-4">
        <div className="flex flex-col gap-3 rounded-[22px] border border-zinc-200 bg-zinc-50/80 p-3 pl-4 sm:flex-row sm:items-center dark:border-zinc-800 dark:bg-zinc-900">
          <BookOpenText className="hidden size-5 shrink-0 text-zinc-400 sm:block" aria-hidden="true" />
          <p className="min-w-0 flex-1 text-sm text-zinc-600 dark:text-zinc-300">
            <span className="font-medium text-zinc-900 dark:text-zinc-100">Read only.</span> This is{" "}
            {props.sharedBy.name}&apos;s conversation. Continue it in a private copy of your own.
          </p>
          <button
            type="button"
            data-testid="fork-button"
            onClick={() => fork()}
            disabled={forking}
            className="inline-flex h-10 shrink-0 items-center justify-center gap-2 rounded-xl bg-zinc-900 px-4 text-sm font-medium text-white shadow-sm transition-colors hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:ring-offset-2 disabled:opacity-70 dark:bg-white dark:text-zinc-900"
          >
            {forking ? (
              <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
            ) : (
              <GitFork className="size-4" aria-hidden="true" />
            )}
            Continue in my own copy
          </button>
        </div>
        {error && (
          <p role="alert" className="mt-2 text-center text-sm text-red-600">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
