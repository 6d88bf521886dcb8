"use client";

import { LoaderCircle, MessageSquare, MessagesSquare } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Highlighted } from "./highlighted";
import { messageAnchor, requestJump } from "./jump";
import type { SearchState } from "./use-search";

const RESULT =
  "block rounded-lg px-2.5 py-2 text-sm transition-colors hover:bg-zinc-200/50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:hover:bg-zinc-800/60";

/** What the sidebar shows instead of the conversation list while a search is typed. */
export function SearchResults({ state, onNavigate }: { state: SearchState; onNavigate: () => void }) {
  if (state.status === "idle") return null;
  if (state.status === "loading") {
    return (
      <p role="status" className="flex items-center gap-2 px-2.5 py-3 text-sm text-zinc-500">
        <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
        Searching…
      </p>
    );
  }
  if (state.status === "error") {
    return (
      <p role="alert" className="px-2.5 py-3 text-sm text-red-600">
        {state.error}
      </p>
    );
  }
  const { chats, messages } = state.results;
  if (chats.length === 0 && messages.length === 0) {
    return (
      <p role="status" data-testid="search-empty" className="px-2.5 py-6 text-center text-sm text-zinc-500">
        Nothing matches “{state.results.query}”.
      </p>
    );
  }
  return (
    <div data-testid="search-results" className="space-y-4">
      {chats.length > 0 && (
        <ResultSection title="Chats">
          {chats.map((chat) => (
            <li key={chat.conversationId}>
              <Link
                href={`/c/${chat.conversationId}`}
                data-testid="search-result"
                data-conversation-id={chat.conversationId}
                onClick={onNavigate}
                className={`${RESULT} flex items-center gap-2 text-zinc-800 dark:text-zinc-200`}
              >
                <MessagesSquare className="size-4 shrink-0 text-zinc-400" aria-hidden="true" />
                <span className="truncate">
                  <Highlighted parts={chat.title} />
                </span>
              </Link>
            </li>
          ))}
        </ResultSection>
      )}
      {messages.length > 0 && (
        <ResultSection title="Messages">
          {messages.map((hit) => (
            <li key={hit.messageId}>
              <Link
                href={`/c/${hit.conversationId}#${messageAnchor(hit.messageId)}`}
                data-testid="search-result"
                data-message-id={hit.messageId}
                onClick={() => {
                  onNavigate();
                  requestJump(hit.messageId);
                }}
                className={RESULT}
              >
                <span className="flex items-center gap-2 text-xs font-medium text-zinc-500 dark:text-zinc-400">
                  <MessageSquare className="size-3.5 shrink-0" aria-hidden="true" />
                  <span className="truncate">{hit.conversationTitle || "Untitled chat"}</span>
                </span>
                <span className="mt-0.5 line-clamp-2 text-zinc-700 dark:text-zinc-300">
                  {hit.role === "user" ? "You: " : ""}
                  <Highlighted parts={hit.snippet} />
                </span>
              </Link>
            </li>
          ))}
        </ResultSection>
      )}
    </div>
  );
}

function ResultSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h2 className="px-2 pb-1.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">{title}</h2>
      <ul className="space-y-0.5">{children}</ul>
    </section>
  );
}
