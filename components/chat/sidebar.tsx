"use client";

import clsx from "clsx";
import { BookOpen, KeyRound, LogOut, SquarePen, X } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOutAction } from "@/app/(chat)/actions";
import { SidebarConversations } from "@/components/conversations/sidebar-conversations";
import { SharedNavLink } from "@/components/teams/shared-nav-link";
import { WorkspaceSwitcher } from "@/components/teams/workspace-switcher";
import { LogoMark } from "@/components/ui/logo";
import { UsageNavLinks } from "@/components/usage/usage-nav-links";
import { useShell } from "./shell-context";

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

      <WorkspaceSwitcher />

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

      <SharedNavLink onNavigate={() => setSidebarOpen(false)} />

      <SidebarConversations renderedAt={renderedAt} />

      <UserFooter user={user} />
    </aside>
  );
}

function UserFooter({ user }: { user: { name: string | null; email: string } }) {
  const pathname = usePathname();
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
        aria-current={pathname === "/settings/api-keys" ? "page" : undefined}
        className="mb-1.5 flex items-center gap-2.5 rounded-lg px-2.5 py-1.5 text-sm text-zinc-600 transition-colors hover:bg-zinc-200/50 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 aria-[current=page]:bg-zinc-200/80 aria-[current=page]:font-medium aria-[current=page]:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100 dark:aria-[current=page]:bg-zinc-800 dark:aria-[current=page]:text-zinc-100"
      >
        <KeyRound className="size-4" aria-hidden="true" />
        API keys
      </Link>
      <Link
        href="/docs/api"
        data-testid="api-docs-link"
        className="mb-1.5 flex items-center gap-2.5 rounded-lg px-2.5 py-1.5 text-sm text-zinc-600 transition-colors hover:bg-zinc-200/50 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100"
      >
        <BookOpen className="size-4" aria-hidden="true" />
        API docs
      </Link>
      <UsageNavLinks />
      <div className="flex items-center gap-1">
        <Link
          href="/settings/account"
          data-testid="account-link"
          title="Account"
          aria-current={pathname === "/settings/account" ? "page" : undefined}
          className="flex min-w-0 flex-1 items-center gap-2.5 rounded-xl px-1.5 py-1 transition-colors hover:bg-zinc-200/50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 aria-[current=page]:bg-zinc-200/80 dark:hover:bg-zinc-800/60 dark:aria-[current=page]:bg-zinc-800"
        >
          <span
            aria-hidden="true"
            className="flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-800 text-xs font-semibold text-white dark:bg-zinc-200 dark:text-zinc-900"
          >
            {initials}
          </span>
          <span className="min-w-0 flex-1 leading-tight">
            <span className="block truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{display}</span>
            {user.name && <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">{user.email}</span>}
          </span>
        </Link>
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
