import type { Highlighted as Parts } from "@/lib/conversations/search";

/** Text with its matched parts in <mark>, from the server's parts (never HTML). */
export function Highlighted({ parts }: { parts: Parts }) {
  return (
    <>
      {parts.map((part, i) =>
        part.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are fixed, in order
          <mark key={i} className="rounded-sm bg-amber-200/80 px-0.5 text-inherit dark:bg-amber-500/40">
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are fixed, in order
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
