import { GitFork } from "lucide-react";
import Link from "next/link";

/** "Forked from …": the source of a copy, linked while the reader may still open it. */
export function ForkedFrom({ source }: { source: { id: string | null; title: string } }) {
  const label = (
    <>
      <GitFork className="size-3.5 shrink-0" aria-hidden="true" />
      <span className="truncate">
        Forked from <span className="font-medium">{source.title || "a conversation"}</span>
      </span>
    </>
  );
  const className =
    "inline-flex h-7 max-w-[14rem] items-center gap-1.5 rounded-full border border-zinc-200 bg-zinc-50 px-2.5 text-xs text-zinc-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300";
  return source.id ? (
    <Link
      href={`/c/${source.id}`}
      data-testid="forked-from"
      title={source.title}
      className={`${className} transition-colors hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800`}
    >
      {label}
    </Link>
  ) : (
    <span data-testid="forked-from" title={source.title} className={className}>
      {label}
    </span>
  );
}
