/** Shown while a conversation loads: the shape of a chat, so nothing jumps when it arrives. */
export default function ConversationLoading() {
  const bar = "rounded-md bg-zinc-200/80 dark:bg-zinc-800";
  return (
    <div className="flex h-full min-h-0 flex-col" role="status" aria-live="polite" data-testid="chat-skeleton">
      <span className="sr-only">Loading the conversation…</span>
      <div className="flex h-14 shrink-0 items-center px-4">
        <div className={`${bar} h-5 w-40 animate-pulse`} />
      </div>
      <div
        className="mx-auto flex w-full max-w-3xl flex-1 animate-pulse flex-col gap-8 px-4 pt-6 sm:px-6"
        aria-hidden="true"
      >
        <div className="flex justify-end">
          <div className="h-11 w-2/5 rounded-3xl bg-zinc-100 dark:bg-zinc-800/80" />
        </div>
        <div className="flex gap-4">
          <div className="hidden size-8 shrink-0 rounded-full bg-zinc-200/80 sm:block dark:bg-zinc-800" />
          <div className="flex flex-1 flex-col gap-3 pt-1">
            <div className={`${bar} h-5 w-1/2`} />
            <div className={`${bar} h-3.5 w-full`} />
            <div className={`${bar} h-3.5 w-11/12`} />
            <div className={`${bar} h-3.5 w-4/5`} />
            <div className="mt-2 h-28 w-full rounded-xl bg-zinc-100 dark:bg-zinc-900" />
          </div>
        </div>
      </div>
      <div className="mx-auto w-full max-w-3xl px-3 pb-7 sm:px-4" aria-hidden="true">
        <div className="h-[58px] rounded-[26px] border border-zinc-200 dark:border-zinc-800" />
      </div>
    </div>
  );
}
