import clsx from "clsx";

/** The product's mark: a speech bubble with a spark, drawn inline so it needs no asset. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={clsx(
        "inline-flex shrink-0 items-center justify-center rounded-xl bg-zinc-900 text-white shadow-sm dark:bg-white dark:text-zinc-900",
        className ?? "size-8",
      )}
    >
      <svg viewBox="0 0 24 24" fill="none" className="size-[58%]" role="presentation">
        <path
          d="M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v7a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.4c-.5.4-1.3 0-1.3-.6V16.9A2.5 2.5 0 0 1 4 14.5Z"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinejoin="round"
        />
        <path d="M12 7.5 12.9 9.6 15 10.5 12.9 11.4 12 13.5 11.1 11.4 9 10.5 11.1 9.6Z" fill="currentColor" />
      </svg>
    </span>
  );
}
