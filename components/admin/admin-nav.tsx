"use client";

import clsx from "clsx";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { LogoMark } from "@/components/ui/logo";

/** The admin area's top bar: its sections, and the way back to the chat. */
export function AdminNav({ systemAdmin }: { systemAdmin: boolean }) {
  const pathname = usePathname();
  const links = [
    { href: "/admin/usage", label: "Usage" },
    ...(systemAdmin
      ? [
          { href: "/admin/users", label: "Users" },
          { href: "/admin/providers", label: "Providers" },
        ]
      : []),
  ];
  return (
    <header className="sticky top-0 z-10 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <div className="mx-auto flex h-14 w-full max-w-6xl items-center gap-2 px-4 sm:gap-4 sm:px-6">
        <Link
          href="/admin/usage"
          className="flex items-center gap-2.5 rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400"
        >
          <LogoMark className="size-7" />
          <span className="hidden text-[0.9375rem] font-semibold tracking-tight sm:inline">SPJ Chat</span>
          <span className="rounded-md bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
            Admin
          </span>
        </Link>
        {/* On a phone the logo, three sections and the way back share 358 px: tighter links, and
            a nav that scrolls sideways rather than widening the page. */}
        <nav aria-label="Admin" className="flex min-w-0 gap-0.5 overflow-x-auto sm:gap-1">
          {links.map((l) => {
            const active = pathname.startsWith(l.href);
            return (
              <Link
                key={l.href}
                href={l.href}
                aria-current={active ? "page" : undefined}
                className={clsx(
                  "shrink-0 rounded-lg px-2 py-1.5 text-sm transition-colors sm:px-3 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400",
                  active
                    ? "bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
                    : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100",
                )}
              >
                {l.label}
              </Link>
            );
          })}
        </nav>
        <Link
          href="/"
          data-testid="back-to-chat"
          aria-label="Back to chat"
          className="ml-auto flex shrink-0 items-center gap-1.5 rounded-lg px-2.5 py-1.5 text-sm whitespace-nowrap text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          <ArrowLeft className="size-4" aria-hidden="true" />
          <span className="sm:hidden">Chat</span>
          <span className="hidden sm:inline">Back to chat</span>
        </Link>
      </div>
    </header>
  );
}
