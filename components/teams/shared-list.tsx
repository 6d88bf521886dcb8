"use client";

import { ChevronRight, LoaderCircle, MessagesSquare, Search, Users } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { formatAgo, formatFull, useDateContext } from "@/components/settings/dates";
import type { SharedItem } from "@/lib/sharing/shared-list";
import { Initials } from "./initials";

interface SharedListProps {
  /** Null outside a team workspace. */
  teamName: string | null;
  query: string;
  items: SharedItem[];
  nextCursor: string | null;
  /** Showing a later page (offer the way back to the newest). */
  paged: boolean;
  renderedAt: number;
}

const SEARCH_DELAY_MS = 250;

/** The team's shared conversations, newest share first, with who shared each and when. */
export function SharedList({ teamName, query, items, nextCursor, paged, renderedAt }: SharedListProps) {
  if (!teamName) {
    return (
      <Empty
        icon={Users}
        title="Sharing happens in a team"
        text="Switch to a team workspace (top of the sidebar), or create one, to share conversations with colleagues."
      />
    );
  }
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Shared with the team</h1>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          Conversations members of {teamName} shared with everyone. Open one to read it, then continue it in your own
          copy.
        </p>
      </div>
      <SearchBox initial={query} />
      {items.length === 0 ? (
        query ? (
          <Empty icon={Search} title="No matches" text={`No shared conversation matches “${query}”.`} />
        ) : (
          <Empty
            icon={MessagesSquare}
            title="Nothing shared yet"
            text="Open one of your conversations, press Share and choose the team: it shows up here for everyone."
          />
        )
      ) : (
        <ul
          data-testid="shared-list"
          className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
        >
          {items.map((item) => (
            <SharedRow key={item.id} item={item} renderedAt={renderedAt} />
          ))}
        </ul>
      )}
      <div className="flex justify-between text-sm">
        {paged ? (
          <Link
            href={query ? `/shared?q=${encodeURIComponent(query)}` : "/shared"}
            className="text-zinc-600 hover:underline"
          >
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {nextCursor && (
          <Link
            href={`/shared?${new URLSearchParams({ ...(query ? { q: query } : {}), cursor: nextCursor })}`}
            className="text-zinc-600 hover:underline"
          >
            Older →
          </Link>
        )}
      </div>
    </div>
  );
}

function SharedRow({ item, renderedAt }: { item: SharedItem; renderedAt: number }) {
  const dates = useDateContext(renderedAt);
  return (
    <li>
      <Link
        href={`/c/${item.id}`}
        data-testid="shared-item"
        data-conversation-id={item.id}
        className="group flex items-center gap-3 px-4 py-3.5 transition-colors hover:bg-zinc-50 focus-visible:bg-zinc-50 focus-visible:outline-none dark:hover:bg-zinc-900"
      >
        <Initials
          text={item.sharedBy}
          className="size-9 bg-indigo-100 text-indigo-700 dark:bg-indigo-900 dark:text-indigo-200"
        />
        <div className="min-w-0 flex-1">
          <p data-testid="shared-title" className="truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">
            {item.title || "Untitled chat"}
          </p>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
            Shared by <span data-testid="shared-by-name">{item.mine ? "you" : item.sharedBy}</span> ·{" "}
            <time dateTime={item.sharedAt} title={formatFull(item.sharedAt, dates)}>
              {formatAgo(item.sharedAt, dates)}
            </time>
          </p>
        </div>
        <ChevronRight
          className="size-4 shrink-0 text-zinc-300 transition-colors group-hover:text-zinc-500"
          aria-hidden="true"
        />
      </Link>
    </li>
  );
}

/** Searches as you type: the address carries the query, so results survive a reload or a shared URL. */
function SearchBox({ initial }: { initial: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [value, setValue] = useState(initial);
  const [searching, start] = useTransition();

  useEffect(() => {
    if (value.trim() === initial) return;
    const timer = setTimeout(() => {
      const q = value.trim();
      start(() => router.replace(q ? `${pathname}?q=${encodeURIComponent(q)}` : pathname));
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value, initial, pathname, router]);

  return (
    <div className="relative">
      <Search
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400"
        aria-hidden="true"
      />
      <input
        type="search"
        data-testid="shared-search"
        aria-label="Search shared conversations"
        placeholder="Search by title or by who shared it"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        className="block h-10 w-full rounded-xl border border-zinc-200 bg-white pr-9 pl-9 text-sm shadow-xs outline-none placeholder:text-zinc-400 focus:border-zinc-400 focus:ring-4 focus:ring-zinc-900/5 dark:border-zinc-800 dark:bg-zinc-950"
      />
      {searching && (
        <LoaderCircle
          className="absolute top-1/2 right-3 size-4 -translate-y-1/2 animate-spin text-zinc-400"
          aria-hidden="true"
        />
      )}
    </div>
  );
}

function Empty({ icon: Icon, title, text }: { icon: typeof Users; title: string; text: string }) {
  return (
    <div
      data-testid="shared-empty"
      className="flex flex-col items-center gap-3 rounded-xl border border-dashed border-zinc-200 px-6 py-12 text-center dark:border-zinc-800"
    >
      <span className="flex size-10 items-center justify-center rounded-xl bg-zinc-100 text-zinc-500 dark:bg-zinc-800">
        <Icon className="size-5" aria-hidden="true" />
      </span>
      <p className="text-sm font-medium">{title}</p>
      <p className="max-w-sm text-sm text-zinc-500 dark:text-zinc-400">{text}</p>
    </div>
  );
}
