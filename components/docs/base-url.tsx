"use client";

import { Fragment } from "react";
import { CopyButton } from "@/components/chat/copy-button";

/** This server's API base URL, with a Copy button. */
export function BaseUrl({ url }: { url: string }) {
  return (
    <div className="flex min-w-0 items-center gap-2 rounded-xl border border-zinc-200 bg-zinc-50 py-1.5 pr-1.5 pl-3.5 dark:border-zinc-800 dark:bg-zinc-900">
      <span className="shrink-0 text-xs font-medium text-zinc-500 dark:text-zinc-400">Base URL</span>
      <code
        data-testid="api-docs-base-url"
        className="min-w-0 flex-1 font-mono text-[13px] break-words text-zinc-900 dark:text-zinc-100"
      >
        {/* On a phone the URL wraps after a slash, not inside `api`. */}
        {url.split(/(?<=\/)/).map((part, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
          <Fragment key={i}>
            {part}
            <wbr />
          </Fragment>
        ))}
      </code>
      <CopyButton
        testId="copy-base-url"
        label="Copy base URL"
        showText
        getText={() => url}
        className="shrink-0 px-2 py-1 text-xs text-zinc-500 hover:bg-zinc-200/70 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      />
    </div>
  );
}
