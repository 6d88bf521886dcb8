"use client";

import { Eye } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { ShareTokenContext } from "@/components/chat/file-part";
import { Message } from "@/components/chat/message";
import { LogoMark } from "@/components/ui/logo";
import type { SnapshotPage } from "@/lib/sharing/public-links";

const noRetry = () => {};

/**
 * A published snapshot, as anyone with its link sees it: title, messages, when it was taken; a
 * long one a page at a time (lib/sharing/public-links.ts `snapshotPage`). Its files are read
 * through the link's `token`, so revoking the link hides them too.
 */
export function PublicSnapshot({
  title,
  publishedAt,
  page,
  token,
}: {
  title: string;
  publishedAt: string;
  page: SnapshotPage;
  token: string;
}) {
  const published = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(publishedAt),
  );
  const pageOf = (before: number | "newest") =>
    before === "newest" ? `/share/${token}` : `/share/${token}?before=${before}`;
  return (
    <div className="min-h-dvh bg-white dark:bg-zinc-950">
      <header className="sticky top-0 z-10 border-b border-zinc-100 bg-white/85 backdrop-blur dark:border-zinc-900 dark:bg-zinc-950/85">
        <div className="mx-auto flex h-14 w-full max-w-3xl items-center gap-3 px-4 sm:px-6">
          <Link
            href="/"
            className="flex items-center gap-2.5 rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400"
          >
            <LogoMark className="size-7" />
            <span className="text-[0.9375rem] font-semibold tracking-tight">SPJ Chat</span>
          </Link>
          <span className="ml-auto inline-flex items-center gap-1.5 rounded-full border border-zinc-200 bg-zinc-50 px-2.5 py-1 text-xs text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
            <Eye className="size-3.5" aria-hidden="true" />
            Read-only snapshot
          </span>
        </div>
      </header>
      <main className="mx-auto w-full max-w-3xl px-4 pt-10 pb-16 sm:px-6">
        <div className="mb-10 border-b border-zinc-100 pb-6 dark:border-zinc-900">
          <h1
            data-testid="share-title"
            className="text-2xl font-semibold tracking-tight text-zinc-900 sm:text-[1.75rem] dark:text-zinc-100"
          >
            {title || "Shared conversation"}
          </h1>
          <p data-testid="share-meta" className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">
            Shared on {published} · {page.total.toLocaleString("en")} messages
          </p>
        </div>
        {page.earlier !== null && (
          <PageLink href={pageOf(page.earlier)} testId="snapshot-earlier" className="mb-8">
            Earlier messages ({page.start.toLocaleString("en")})
          </PageLink>
        )}
        <ShareTokenContext value={token}>
          <div role="log" aria-label="Conversation" className="flex flex-col gap-8">
            {page.messages.map((m, i) => (
              <Message
                // Snapshots carry no ids: the position in the snapshot is the identity.
                // biome-ignore lint/suspicious/noArrayIndexKey: a page's list never changes order
                key={page.start + i}
                message={{
                  id: String(page.start + i),
                  role: m.role,
                  content: m.content,
                  parts: m.parts,
                  status: "COMPLETE",
                  error: null,
                }}
                canRetry={false}
                onRetry={noRetry}
              />
            ))}
          </div>
        </ShareTokenContext>
        {page.later !== null && (
          <PageLink href={pageOf(page.later)} testId="snapshot-later" className="mt-8">
            Later messages
          </PageLink>
        )}
        <footer className="mt-16 flex flex-col items-center gap-2 border-t border-zinc-100 pt-8 text-center text-xs text-zinc-400 dark:border-zinc-900">
          <p>This is a snapshot: it does not change when the conversation goes on.</p>
          <p>
            Made with <span className="font-medium text-zinc-500">SPJ Chat</span>, a self-hosted AI chat.
          </p>
        </footer>
      </main>
    </div>
  );
}

function PageLink({
  href,
  testId,
  className,
  children,
}: {
  href: string;
  testId: string;
  className: string;
  children: ReactNode;
}) {
  return (
    <div className={`flex justify-center ${className}`}>
      <Link
        href={href}
        data-testid={testId}
        className="rounded-full border border-zinc-200 px-4 py-1.5 text-sm text-zinc-600 transition-colors hover:bg-zinc-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-900"
      >
        {children}
      </Link>
    </div>
  );
}
