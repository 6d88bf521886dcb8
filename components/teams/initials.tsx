import clsx from "clsx";

/** "Ada Lovelace" → "AL", "ops@acme.io" → "OA". */
export function initialsOf(text: string): string {
  return (
    text
      .split(/[\s@.]+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase())
      .join("") || "?"
  );
}

/** A person's or a team's initials in a small tile. */
export function Initials({ text, square = false, className }: { text: string; square?: boolean; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={clsx(
        "flex shrink-0 items-center justify-center text-xs font-semibold",
        square ? "rounded-lg" : "rounded-full",
        className ?? "size-8 bg-zinc-800 text-white dark:bg-zinc-200 dark:text-zinc-900",
      )}
    >
      {initialsOf(text)}
    </span>
  );
}
