import clsx from "clsx";
import { Download } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { formatCell, type Table } from "@/lib/usage/tables";

/** A card around a section of the usage pages: title, an optional CSV link, the content. */
export function Panel({
  title,
  subtitle,
  exportHref,
  testId,
  children,
}: {
  title: string;
  subtitle?: string;
  exportHref?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section
      data-testid={testId}
      aria-label={title}
      className="rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex items-start justify-between gap-3 px-4 pt-4 pb-3 sm:px-5">
        <div className="min-w-0">
          <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{title}</h2>
          {subtitle && <p className="pt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{subtitle}</p>}
        </div>
        {exportHref && (
          <a
            href={exportHref}
            data-testid={testId ? `${testId}-export` : undefined}
            className="flex shrink-0 items-center gap-1.5 rounded-lg border border-zinc-200 px-2.5 py-1 text-xs font-medium text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            <Download className="size-3.5" aria-hidden="true" />
            CSV
          </a>
        )}
      </header>
      <div className="px-4 pb-4 sm:px-5">{children}</div>
    </section>
  );
}

/** A report table; numbers right-aligned, percentages with a bar, the first cell a link if given. */
export function UsageTable({ table, empty = "No usage in this period." }: { table: Table; empty?: string }) {
  if (table.rows.length === 0) return <p className="py-6 text-center text-sm text-zinc-500">{empty}</p>;
  return (
    <div className="scroll-thin -mx-4 overflow-x-auto sm:-mx-5">
      <table className="w-full min-w-max text-sm">
        <thead>
          <tr className="border-y border-zinc-100 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            {table.columns.map((c) => (
              <th
                key={c.label}
                scope="col"
                className={clsx(
                  "px-4 py-2 font-medium first:pl-4 sm:first:pl-5 last:pr-4 sm:last:pr-5",
                  c.kind === "text" ? "text-left" : "text-right",
                )}
              >
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are a fixed snapshot
              key={r}
              className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/70"
            >
              {row.cells.map((cell, i) => {
                const column = table.columns[i];
                const text = formatCell(cell, column?.kind ?? "text");
                return (
                  <td
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed
                    key={i}
                    className={clsx(
                      "px-4 py-2.5 first:pl-4 sm:first:pl-5 last:pr-4 sm:last:pr-5",
                      column?.kind === "text"
                        ? "text-left text-zinc-800 dark:text-zinc-200"
                        : "text-right tabular-nums text-zinc-700 dark:text-zinc-300",
                      text === "unpriced" && "text-zinc-400 italic dark:text-zinc-500",
                    )}
                  >
                    {i === 0 && row.href ? (
                      <Link href={row.href} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                        {text}
                      </Link>
                    ) : column?.kind === "percent" && typeof cell === "number" ? (
                      <PercentBar value={cell} label={text} />
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PercentBar({ value, label }: { value: number; label: string }) {
  const width = Math.min(100, Math.max(0, value));
  return (
    <span className="inline-flex items-center gap-2">
      <span className="h-1.5 w-20 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
        <span
          className={clsx(
            "block h-full rounded-full",
            value >= 90 ? "bg-red-500" : value >= 70 ? "bg-amber-500" : "bg-emerald-500",
          )}
          style={{ width: `${width}%` }}
        />
      </span>
      {label}
    </span>
  );
}
