"use client";

import clsx from "clsx";
import { Globe, LoaderCircle, Lock, RefreshCw, Share2, Users, X } from "lucide-react";
import { useCallback, useRef, useState, useTransition } from "react";
import { publishSnapshotAction, revokePublicLinkAction, setVisibilityAction } from "@/app/(chat)/c/[id]/actions";
import { CopyButton } from "@/components/chat/copy-button";
import { useDismiss } from "@/components/ui/use-dismiss";
import type { ActionResult } from "@/lib/http/action-result";

export interface SharePanelProps {
  conversationId: string;
  visibility: "PRIVATE" | "TEAM";
  /** The team's name when the conversation can be shared with a team. */
  teamName: string | null;
  publicLink: { createdAt: string } | null;
}

const smallButton =
  "inline-flex h-8 items-center gap-1.5 rounded-lg border border-zinc-200 bg-white px-2.5 text-xs font-medium text-zinc-700 shadow-xs transition-colors hover:bg-zinc-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200 dark:hover:bg-zinc-700";

/** The owner's "Share" button: who in the team can read the conversation, and its public link. */
export function SharePanel(props: SharePanelProps) {
  const [open, setOpen] = useState(false);
  // Kept here once changed: the chat at "/" gets no fresh props after its first answer.
  const [visibility, setVisibility] = useState(props.visibility);
  const [live, setLive] = useState(props.publicLink);
  const root = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpen(false), []);
  useDismiss(root, open, close);

  const shared = visibility === "TEAM" || live !== null;
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        data-testid="share-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className={clsx(
          "inline-flex h-9 items-center gap-1.5 rounded-lg px-2.5 text-sm font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400",
          shared
            ? "bg-indigo-50 text-indigo-700 hover:bg-indigo-100 dark:bg-indigo-950/50 dark:text-indigo-300"
            : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
        )}
      >
        {visibility === "TEAM" ? (
          <Users className="size-4" aria-hidden="true" />
        ) : (
          <Share2 className="size-4" aria-hidden="true" />
        )}
        <span className="sr-only sm:not-sr-only">{visibility === "TEAM" ? "Shared" : "Share"}</span>
      </button>
      {open && (
        <div
          role="dialog"
          aria-label="Share conversation"
          // On a phone the panel spans the screen under the header (anchored to the button it
          // would open past the left edge); it scrolls when taller than the screen.
          className="fixed inset-x-3 top-16 z-50 max-h-[calc(100dvh-5rem)] overflow-y-auto rounded-2xl border border-zinc-200 bg-white p-4 shadow-[0_12px_40px_-12px_rgb(0_0_0/0.25)] sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:mt-2 sm:w-96 dark:border-zinc-700 dark:bg-zinc-900"
        >
          <div className="flex items-center justify-between">
            <h2 className="text-[0.9375rem] font-semibold text-zinc-900 dark:text-zinc-100">Share conversation</h2>
            <button
              type="button"
              aria-label="Close"
              onClick={() => setOpen(false)}
              className="flex size-7 items-center justify-center rounded-lg text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 dark:hover:bg-zinc-800"
            >
              <X className="size-4" aria-hidden="true" />
            </button>
          </div>
          {props.teamName && (
            <TeamAccess
              conversationId={props.conversationId}
              visibility={visibility}
              onChange={setVisibility}
              teamName={props.teamName}
            />
          )}
          <PublicLink conversationId={props.conversationId} live={live} onChange={setLive} />
        </div>
      )}
    </div>
  );
}

function TeamAccess({
  conversationId,
  visibility,
  onChange,
  teamName,
}: {
  conversationId: string;
  visibility: "PRIVATE" | "TEAM";
  onChange: (visibility: "PRIVATE" | "TEAM") => void;
  teamName: string;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const choose = (next: "PRIVATE" | "TEAM") => {
    if (next === visibility) return;
    setError(null);
    start(async () => {
      const result = await setVisibilityAction(conversationId, next);
      if (result.ok) onChange(next);
      else setError(result.error);
    });
  };
  const options = [
    { value: "PRIVATE", icon: Lock, label: "Private", hint: "Only you" },
    { value: "TEAM", icon: Users, label: teamName, hint: "Everyone in the team can read it and continue in a copy" },
  ] as const;
  return (
    <fieldset className="mt-4" disabled={pending}>
      <legend className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Who can see it</legend>
      <div className="mt-2 space-y-1.5">
        {options.map(({ value, icon: Icon, label, hint }) => (
          <label
            key={value}
            className={clsx(
              "flex cursor-pointer items-start gap-3 rounded-xl border px-3 py-2.5 transition-colors",
              visibility === value
                ? "border-zinc-900 bg-zinc-50 dark:border-zinc-300 dark:bg-zinc-800"
                : "border-zinc-200 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800/60",
            )}
          >
            <input
              type="radio"
              name="visibility"
              value={value}
              data-testid={`visibility-${value.toLowerCase()}`}
              checked={visibility === value}
              onChange={() => choose(value)}
              className="sr-only"
            />
            <Icon className="mt-0.5 size-4 shrink-0 text-zinc-500" aria-hidden="true" />
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{label}</span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">{hint}</span>
            </span>
            {pending && visibility !== value && <LoaderCircle className="size-4 animate-spin text-zinc-400" />}
          </label>
        ))}
      </div>
      {error && <p className="mt-2 text-xs text-red-600">{error}</p>}
    </fieldset>
  );
}

function PublicLink({
  conversationId,
  live,
  onChange,
}: {
  conversationId: string;
  live: { createdAt: string } | null;
  onChange: (live: { createdAt: string } | null) => void;
}) {
  const [pending, start] = useTransition();
  // The link itself is known only right after publishing: the server keeps just its hash.
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<ActionResult<{ url?: string; createdAt?: string }>>) => {
    setError(null);
    start(async () => {
      const result = await work();
      if (!result.ok) return setError(result.error);
      setUrl(result.url ?? null);
      onChange(result.createdAt ? { createdAt: result.createdAt } : null);
    });
  };
  const publish = () => run(() => publishSnapshotAction(conversationId));
  const revoke = () => run(() => revokePublicLinkAction(conversationId));
  const isLive = live !== null;

  return (
    <div className="mt-5 border-t border-zinc-100 pt-4 dark:border-zinc-800">
      <div className="flex items-center gap-2">
        <Globe className="size-4 text-zinc-500" aria-hidden="true" />
        <h3 className="text-sm font-medium text-zinc-900 dark:text-zinc-100">Public link</h3>
        {isLive && (
          <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-[11px] font-medium text-emerald-700 dark:bg-emerald-950/50 dark:text-emerald-300">
            Live
          </span>
        )}
      </div>
      <p className="mt-1 text-xs leading-5 text-zinc-500 dark:text-zinc-400">
        {isLive
          ? "Anyone with the link can read a snapshot of this conversation as it was when the link was made, without signing in."
          : "Publish a read-only snapshot that anyone with the link can read, without signing in. Later messages are not included."}
      </p>
      {url && (
        <div className="mt-3 flex items-center gap-1.5 rounded-lg border border-zinc-200 bg-zinc-50 py-1 pr-1 pl-2.5 dark:border-zinc-700 dark:bg-zinc-950">
          <input
            readOnly
            value={url}
            data-testid="public-link-url"
            aria-label="Public link"
            onFocus={(e) => e.currentTarget.select()}
            className="min-w-0 flex-1 bg-transparent font-mono text-xs text-zinc-800 outline-none dark:text-zinc-200"
          />
          <CopyButton
            getText={() => url}
            label="Copy link"
            testId="copy-public-link"
            showText
            className={smallButton}
          />
        </div>
      )}
      {live && !url && (
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          Published {new Date(live.createdAt).toLocaleString()}. The address is shown only when it is made: update the
          snapshot for a new link to copy.
        </p>
      )}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        {isLive ? (
          <>
            <button
              type="button"
              data-testid="update-snapshot"
              onClick={publish}
              disabled={pending}
              className={smallButton}
            >
              <RefreshCw className="size-3.5" aria-hidden="true" />
              Update snapshot
            </button>
            <button
              type="button"
              data-testid="revoke-public-link"
              onClick={revoke}
              disabled={pending}
              className={clsx(smallButton, "text-red-600 hover:bg-red-50 dark:text-red-400")}
            >
              Revoke link
            </button>
          </>
        ) : (
          <button
            type="button"
            data-testid="publish-link"
            onClick={publish}
            disabled={pending}
            className="inline-flex h-8 items-center gap-1.5 rounded-lg bg-zinc-900 px-3 text-xs font-medium text-white hover:bg-zinc-700 disabled:opacity-60 dark:bg-white dark:text-zinc-900"
          >
            <Globe className="size-3.5" aria-hidden="true" />
            Create public link
          </button>
        )}
        {pending && <LoaderCircle className="size-4 animate-spin text-zinc-400" aria-hidden="true" />}
      </div>
      {error && <p className="mt-2 text-xs text-red-600">{error}</p>}
    </div>
  );
}
