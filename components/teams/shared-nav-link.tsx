"use client";

import clsx from "clsx";
import { Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTeam } from "./team-context";

/** In a team workspace, the way from your own chats to the ones colleagues shared. */
export function SharedNavLink({ onNavigate }: { onNavigate?: () => void }) {
  const team = useTeam();
  const pathname = usePathname();
  if (team?.current.kind !== "TEAM") return null;
  const active = pathname === "/shared";
  return (
    <div className="px-3 pb-1">
      <Link
        href="/shared"
        data-testid="shared-link"
        aria-current={active ? "page" : undefined}
        onClick={onNavigate}
        className={clsx(
          "flex h-9 items-center gap-2.5 rounded-lg px-2.5 text-sm transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400",
          active
            ? "bg-zinc-200/80 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
            : "text-zinc-700 hover:bg-zinc-200/50 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800/60",
        )}
      >
        <Users className="size-4 text-zinc-500 dark:text-zinc-400" aria-hidden="true" />
        Shared with the team
      </Link>
    </div>
  );
}
