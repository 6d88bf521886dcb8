"use client";

import clsx from "clsx";
import { KeyRound, LoaderCircle, LogOut, SquarePen, X } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { signOutAction } from "@/app/(chat)/actions";
import { LogoMark } from "@/components/ui/logo";
import { groupConversations } from "./dates";
import { useShell } from "./shell-context";

const subscribeNothing = () => () => {};

/** False during the server render and hydration, true afterwards. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
}

interface SidebarProps {
  user: { name: string | null; email: string };
  renderedAt: number;
}

export function Sidebar({ user, renderedAt }: SidebarProps) {
  const { sidebarOpen, setSidebarOpen } = useShell();
  return (
    <aside
      id="sidebar"
      aria-label="Sidebar"
      className={clsx(
        "fixed inset-y-0 left-0 z-40 flex w-[min(18rem,85vw)] flex-col border-r border-zinc-200 bg-zinc-50 transition-[transform,visibility] duration-200 ease-out",
        "md:static md:z-auto md:w-[260px] md:translate-x-0 md:visible md:transition-none",
        "dark:border-zinc-800 dark:bg-zinc-900",
        sidebarOpen ? "visible translate-x-0 shadow-2xl md:shadow-none" : "invisible -translate-x-full",
      )}
    >
      <div className="flex h-14 shrink-0 items-center justify-between px-3">
        <Link
          href="/"
          className="flex items-center gap-2.5 rounded-lg px-1.5 py-1 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400"
        >
          <LogoMark className="size-7" />
          <span className="text-[0.9375rem] font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">
            SPJ Chat
          </span>
        </Link>
        <button
          type="button"
          aria-label="Close sidebar"
          onClick={() => setSidebarOpen(false)}
          className="flex size-9 items-center justify-center rounded-lg text-zinc-500 hover:bg-zinc-200/70 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 md:hidden"
        >
          <X className="size-5" aria-hidden="true" />
        </button>
      </div>

      <div className="px-3 pb-2">
        <Link
          href="/"
          data-testid="new-chat"
          onClick={() => setSidebarOpen(false)}
          className="flex h-10 w-full items-center gap-2.5 rounded-xl border border-zinc-200 bg-white px-3 text-sm font-medium text-zinc-800 shadow-xs transition-colors hover:bg-zinc-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100 dark:hover:bg-zinc-700"
        >
          <SquarePen className="size-4 text-zinc-500 dark:text-zinc-400" aria-hidden="true" />
          New chat
        </Link>
      </div>

      <nav aria-label="Conversations" className="scroll-thin min-h-0 flex-1 overflow-y-auto px-3 pt-2 pb-4">
        <ConversationList renderedAt={renderedAt} />
      </nav>

      <UserFooter user={user} />
    </aside>
  );
}

function ConversationList({ renderedAt }: { renderedAt: number }) {
  const { conversations, nextCursor, loadMore, loadingMore, loadMoreError, setSidebarOpen } = useShell();
  const pathname = usePathname();
  const hydrated = useHydrated();
  const activeId = /^\/c\/([^/?#]+)/.exec(pathname)?.[1];
  const groups = hydrated
    ? groupConversations(conversations, Date.now(), false)
    : groupConversations(conversations, renderedAt, true);

  return (
    <div data-testid="conversation-list" className="space-y-5">
      {conversations.length === 0 && (
        <p className="px-2 py-6 text-center text-sm text-zinc-400">Your conversations will show up here.</p>
      )}
      {groups.map((group) => (
        <section key={group.label} aria-labelledby={`group-${group.label}`}>
          <h2 id={`group-${group.label}`} className="px-2 pb-1.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">
            {group.label}
          </h2>
          <ul className="space-y-0.5">
            {group.items.map((c) => {
              const active = decodeURIComponent(activeId ?? "") === c.id;
              return (
                <li key={c.id}>
                  <Link
                    href={`/c/${c.id}`}
                    data-testid="conversation-item"
                    data-conversation-id={c.id}
                    aria-current={active ? "page" : undefined}
                    title={c.title}
                    onClick={() => setSidebarOpen(false)}
                    className={clsx(
                      "block truncate rounded-lg px-2.5 py-2 text-sm transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400",
                      active
                        ? "bg-zinc-200/80 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
                        : "text-zinc-700 hover:bg-zinc-200/50 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800/60",
                    )}
                  >
                    {c.title || "Untitled chat"}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {nextCursor && (
        <LoadMore onLoad={loadMore} loading={loadingMore} error={loadMoreError} count={conversations.length} />
      )}
    </div>
  );
}

/** Loads the next page when it scrolls into view; the button itself is the fallback. */
function LoadMore({
  onLoad,
  loading,
  error,
  count,
}: {
  onLoad: () => void;
  loading: boolean;
  error: string | null;
  count: number;
}) {
  const ref = useRef<HTMLButtonElement>(null);
  const onLoadRef = useRef(onLoad);
  useEffect(() => {
    onLoadRef.current = onLoad;
  }, [onLoad]);

  // A new observer per page: it reports at once if the button is still in view after a load.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-observe whenever a page arrives
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === "undefined" || error) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onLoadRef.current();
      },
      { root: el.closest("nav"), rootMargin: "0px 0px 120px 0px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [count, error]);

  return (
    <div className="px-1">
      {error && <p className="px-1 pb-2 text-xs text-red-600">{error}</p>}
      <button
        ref={ref}
        type="button"
        data-testid="load-more"
        onClick={onLoad}
        disabled={loading}
        className="flex h-9 w-full items-center justify-center gap-2 rounded-lg text-sm text-zinc-500 transition-colors hover:bg-zinc-200/50 hover:text-zinc-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 disabled:cursor-wait"
      >
        {loading && <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />}
        {loading ? "Loading…" : "Load more"}
      </button>
    </div>
  );
}

function UserFooter({ user }: { user: { name: string | null; email: string } }) {
  const display = user.name?.trim() || user.email;
  const initials =
    display
      .split(/[\s@.]+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase())
      .join("") || "?";
  return (
    <div className="shrink-0 border-t border-zinc-200 p-3 dark:border-zinc-800">
      <Link
        href="/settings/api-keys"
        data-testid="api-keys-link"
        className="mb-1.5 flex items-center gap-2.5 rounded-lg px-2.5 py-1.5 text-sm text-zinc-600 transition-colors hover:bg-zinc-200/50 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100"
      >
        <KeyRound className="size-4" aria-hidden="true" />
        API keys
      </Link>
      <div className="flex items-center gap-2.5 rounded-xl px-1.5 py-1">
        <span
          aria-hidden="true"
          className="flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-800 text-xs font-semibold text-white dark:bg-zinc-200 dark:text-zinc-900"
        >
          {initials}
        </span>
        <div className="min-w-0 flex-1 leading-tight">
          <p className="truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{display}</p>
          {user.name && <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{user.email}</p>}
        </div>
        <form action={signOutAction}>
          <button
            type="submit"
            data-testid="sign-out"
            aria-label="Sign out"
            title="Sign out"
            className="flex size-8 items-center justify-center rounded-lg text-zinc-500 transition-colors hover:bg-zinc-200/70 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            <LogOut className="size-4" aria-hidden="true" />
          </button>
        </form>
      </div>
    </div>
  );
}
