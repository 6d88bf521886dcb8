"use client";

import clsx from "clsx";
import { Globe, LoaderCircle, Lock, RefreshCw, Users } from "lucide-react";
import { useState, useTransition } from "react";
import { publishSnapshotAction, revokePublicLinkAction, setVisibilityAction } from "@/app/(chat)/c/[id]/actions";
import { CopyButton } from "@/components/chat/copy-button";
import type { ActionResult } from "@/lib/http/action-result";

/** The share panel's controls, loaded the first time it opens (components/share/share-panel.tsx). */

const smallButton =
  "inline-flex h-8 items-center gap-1.5 rounded-lg border border-zinc-200 bg-white px-2.5 text-xs font-medium text-zinc-700 shadow-xs transition-colors hover:bg-zinc-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200 dark:hover:bg-zinc-700";

type Visibility = "PRIVATE" | "TEAM";

export default function ShareOptions(props: {
  conversationId: string;
  teamName: string | null;
  visibility: Visibility;
  onVisibility: (visibility: Visibility) => void;
  live: { createdAt: string } | null;
  onLive: (live: { createdAt: string } | null) => void;
}) {
  return (
    <>
      {props.teamName && (
        <TeamAccess
          conversationId={props.conversationId}
          visibility={props.visibility}
          onChange={props.onVisibility}
          teamName={props.teamName}
        />
      )}
      <PublicLink conversationId={props.conversationId} live={props.live} onChange={props.onLive} />
    </>
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
