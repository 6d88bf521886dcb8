"use client";

import clsx from "clsx";
import { Check, ChevronsUpDown, LoaderCircle, Plus, ShieldCheck, Users } from "lucide-react";
import Link from "next/link";
import { lazy, type ReactNode, Suspense, useCallback, useRef, useState, useTransition } from "react";
import { switchWorkspaceAction } from "@/app/(chat)/team/actions";
import { useDismiss } from "@/components/ui/use-dismiss";
import { Initials } from "./initials";
import { ROLE_LABELS, useTeam, type WorkspaceChoice } from "./team-context";

// Loaded when someone starts a team, not with every page.
const CreateTeamForm = lazy(() => import("./create-team-form").then((m) => ({ default: m.CreateTeamForm })));

const itemClass =
  "flex w-full items-center gap-2.5 rounded-lg px-2 py-1.5 text-left text-sm text-zinc-700 transition-colors hover:bg-zinc-100 focus-visible:bg-zinc-100 focus-visible:outline-none dark:text-zinc-300 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800";

function WorkspaceTile({ workspace, size = "size-7" }: { workspace: WorkspaceChoice; size?: string }) {
  return (
    <Initials
      text={workspace.name}
      square
      className={clsx(
        size,
        workspace.kind === "TEAM"
          ? "bg-indigo-600 text-white dark:bg-indigo-500"
          : "bg-zinc-200 text-zinc-700 dark:bg-zinc-700 dark:text-zinc-100",
      )}
    />
  );
}

const workspaceLabel = (w: WorkspaceChoice) => (w.kind === "PERSONAL" ? "Personal" : `Team · ${ROLE_LABELS[w.role]}`);

/** The sidebar's top: which workspace the app acts in, and the way to another one or a new team. */
export function WorkspaceSwitcher() {
  const team = useTeam();
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [switching, startSwitch] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpen(false), []);
  useDismiss(root, open, close);

  if (!team) return null;
  const { current, workspaces, installAdmin } = team;

  const choose = (workspace: WorkspaceChoice) => {
    if (workspace.workspaceId === current.workspaceId) return setOpen(false);
    setError(null);
    startSwitch(async () => {
      const result = await switchWorkspaceAction(workspace.workspaceId);
      if (result && !result.ok) setError(result.error);
    });
  };

  return (
    <div ref={root} className="relative px-3 pb-2">
      <button
        type="button"
        data-testid="workspace-switcher"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => {
          setOpen((o) => !o);
          setCreating(false);
        }}
        className="flex h-12 w-full items-center gap-2.5 rounded-xl px-2 text-left transition-colors hover:bg-zinc-200/60 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:hover:bg-zinc-800/70"
      >
        <WorkspaceTile workspace={current} size="size-8" />
        <span className="min-w-0 flex-1 leading-tight">
          <span
            data-testid="current-workspace"
            className="block truncate text-sm font-medium text-zinc-900 dark:text-zinc-100"
          >
            {current.name}
          </span>
          <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">{workspaceLabel(current)}</span>
        </span>
        {switching ? (
          <LoaderCircle className="size-4 animate-spin text-zinc-400" aria-hidden="true" />
        ) : (
          <ChevronsUpDown className="size-4 text-zinc-400" aria-hidden="true" />
        )}
      </button>

      {open && (
        <div
          role="menu"
          aria-label="Workspaces"
          className="absolute inset-x-3 top-full z-50 mt-1 rounded-xl border border-zinc-200 bg-white p-1.5 shadow-[0_8px_30px_-12px_rgb(0_0_0/0.25)] dark:border-zinc-700 dark:bg-zinc-900"
        >
          <p className="px-2 pt-1 pb-1.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">Workspaces</p>
          {workspaces.map((w) => (
            <button
              key={w.workspaceId}
              type="button"
              role="menuitemradio"
              aria-checked={w.workspaceId === current.workspaceId}
              data-testid="workspace-option"
              data-workspace-name={w.name}
              disabled={switching}
              onClick={() => choose(w)}
              className={itemClass}
            >
              <WorkspaceTile workspace={w} size="size-6" />
              <span className="min-w-0 flex-1 truncate">{w.name}</span>
              <span className="shrink-0 text-xs text-zinc-400">
                {w.kind === "PERSONAL" ? "Personal" : ROLE_LABELS[w.role]}
              </span>
              {w.workspaceId === current.workspaceId && (
                <Check className="size-4 shrink-0 text-zinc-600" aria-hidden="true" />
              )}
            </button>
          ))}
          {error && <p className="px-2 py-1 text-xs text-red-600">{error}</p>}
          <div className="my-1.5 border-t border-zinc-100 dark:border-zinc-800" />
          {creating ? (
            <Suspense fallback={null}>
              <CreateTeamForm compact onCancel={() => setCreating(false)} />
            </Suspense>
          ) : (
            <button
              type="button"
              role="menuitem"
              data-testid="create-team"
              onClick={() => setCreating(true)}
              className={itemClass}
            >
              <Plus className="size-4 text-zinc-500" aria-hidden="true" />
              Create a team
            </button>
          )}
          {current.kind === "TEAM" && (
            <MenuLink href="/team" icon={Users} testId="team-settings-link" onClose={() => setOpen(false)}>
              Members and invites
            </MenuLink>
          )}
          {installAdmin && (
            <MenuLink href="/settings/sign-up" icon={ShieldCheck} onClose={() => setOpen(false)}>
              Sign-up settings
            </MenuLink>
          )}
        </div>
      )}
    </div>
  );
}

function MenuLink({
  href,
  icon: Icon,
  testId,
  onClose,
  children,
}: {
  href: string;
  icon: typeof Users;
  testId?: string;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Link href={href} role="menuitem" data-testid={testId} onClick={onClose} className={itemClass}>
      <Icon className="size-4 text-zinc-500" aria-hidden="true" />
      {children}
    </Link>
  );
}
