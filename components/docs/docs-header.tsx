"use client";

import { FileJson } from "lucide-react";
import { PageHeader } from "@/components/chat/page-header";

/** The docs page's top bar: the drawer button on phones, the title, and the raw OpenAPI link. */
export function DocsHeader({ specUrl }: { specUrl: string }) {
  return (
    <PageHeader className="border-b border-zinc-100 dark:border-zinc-900">
      <span className="px-2 text-[0.9375rem] font-medium text-zinc-800 dark:text-zinc-200">API docs</span>
      <a
        href={specUrl}
        data-testid="openapi-link"
        className="ml-auto inline-flex h-8 items-center gap-1.5 rounded-lg border border-zinc-200 px-2.5 text-xs font-medium text-zinc-600 transition-colors hover:bg-zinc-50 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-800 dark:text-zinc-300 dark:hover:bg-zinc-900"
      >
        <FileJson className="size-3.5" aria-hidden="true" />
        OpenAPI 3.1
      </a>
    </PageHeader>
  );
}
