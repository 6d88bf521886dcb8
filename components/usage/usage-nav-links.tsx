"use client";

import { ChartNoAxesColumn, Shield } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTeam } from "@/components/teams/team-context";

const linkClass =
  "mb-1.5 flex items-center gap-2.5 rounded-lg px-2.5 py-1.5 text-sm text-zinc-600 transition-colors hover:bg-zinc-200/50 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 aria-[current=page]:bg-zinc-200/80 aria-[current=page]:font-medium aria-[current=page]:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100 dark:aria-[current=page]:bg-zinc-800 dark:aria-[current=page]:text-zinc-100";

/**
 * The sidebar footer's usage links: "My usage" for everyone, "Admin" for those the admin area
 * admits (the install's admin, and owners and admins of a team — the same rule as lib/usage/dashboard.ts).
 */
export function UsageNavLinks() {
  const pathname = usePathname();
  const team = useTeam();
  const admin =
    team?.installAdmin || team?.workspaces.some((w) => w.kind === "TEAM" && (w.role === "OWNER" || w.role === "ADMIN"));
  return (
    <>
      <Link
        href="/usage"
        data-testid="my-usage-link"
        aria-current={pathname === "/usage" ? "page" : undefined}
        className={linkClass}
      >
        <ChartNoAxesColumn className="size-4" aria-hidden="true" />
        My usage
      </Link>
      {admin && (
        <Link href="/admin/usage" data-testid="admin-link" className={linkClass}>
          <Shield className="size-4" aria-hidden="true" />
          Admin
        </Link>
      )}
    </>
  );
}
