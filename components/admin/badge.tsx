import clsx from "clsx";
import type { ReactNode } from "react";

/** A small status label (role, active/disabled). */
export function Badge({ tone, children }: { tone: "indigo" | "red" | "green"; children: ReactNode }) {
  return (
    <span
      className={clsx(
        "rounded-md px-1.5 py-0.5 text-xs font-medium",
        tone === "indigo" && "bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300",
        tone === "red" && "bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300",
        tone === "green" && "bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300",
      )}
    >
      {children}
    </span>
  );
}
