import { MessageSquareOff } from "lucide-react";
import Link from "next/link";

export default function ConversationNotFound() {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-5 px-6 text-center">
      <span className="flex size-12 items-center justify-center rounded-2xl border border-zinc-200 bg-zinc-50 text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
        <MessageSquareOff className="size-5" aria-hidden="true" />
      </span>
      <div className="space-y-1.5">
        <h1 className="text-xl font-semibold tracking-tight">Conversation not found</h1>
        <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
          It may have been deleted, or it belongs to someone else.
        </p>
      </div>
      <Link
        href="/"
        className="rounded-xl bg-zinc-900 px-4 py-2 text-sm font-medium text-white transition-colors hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:ring-offset-2 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
      >
        Start a new chat
      </Link>
    </div>
  );
}
