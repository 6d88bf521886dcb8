"use client";

import { PageHeader } from "@/components/chat/page-header";

/** The top bar of a settings page: the title, and the sidebar toggle on phones. */
export function SettingsHeader({ title, section = "Settings" }: { title: string; section?: string }) {
  return (
    <PageHeader className="border-b border-zinc-100 md:border-transparent dark:border-zinc-900">
      <p className="px-2 text-[0.9375rem] font-medium text-zinc-800 dark:text-zinc-200">
        <span className="text-zinc-500 dark:text-zinc-400">{section}</span>
        <span className="mx-1.5 text-zinc-300 dark:text-zinc-600" aria-hidden="true">
          /
        </span>
        {title}
      </p>
    </PageHeader>
  );
}
