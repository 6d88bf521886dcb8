import Link from "next/link";
import type { ReactNode } from "react";

/** A usage page's heading, the period it covers, and room for actions on the right. */
export function PageTitle({ title, subtitle, children }: { title: string; subtitle?: string; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">{title}</h1>
        {subtitle && <p className="pt-1 text-sm text-zinc-500 dark:text-zinc-400">{subtitle}</p>}
      </div>
      {children}
    </div>
  );
}

/** Bad filters, said plainly, with the way back to the defaults. */
export function FiltersError({ message, resetHref }: { message: string; resetHref: string }) {
  return (
    <div
      role="alert"
      className="rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
    >
      {message}.{" "}
      <Link href={resetHref} className="font-medium underline">
        Show the last 30 days
      </Link>
    </div>
  );
}

export function periodLabel(from: string, to: string): string {
  const f = (day: string) =>
    new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", {
      month: "short",
      day: "numeric",
      year: "numeric",
      timeZone: "UTC",
    });
  return `${f(from)} – ${f(to)} (UTC)`;
}
