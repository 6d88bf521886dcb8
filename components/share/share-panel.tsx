"use client";

import clsx from "clsx";
import { LoaderCircle, Share2, Users, X } from "lucide-react";
import { lazy, Suspense, useCallback, useRef, useState } from "react";
import { useDismiss } from "@/components/ui/use-dismiss";

export interface SharePanelProps {
  conversationId: string;
  visibility: "PRIVATE" | "TEAM";
  /** The team's name when the conversation can be shared with a team. */
  teamName: string | null;
  publicLink: { createdAt: string } | null;
}

// The controls come with the first opening: most chat pages never open the panel.
const ShareOptions = lazy(() => import("./share-options"));

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
          <Suspense
            fallback={<LoaderCircle className="mx-auto mt-4 size-4 animate-spin text-zinc-400" aria-hidden="true" />}
          >
            <ShareOptions
              conversationId={props.conversationId}
              teamName={props.teamName}
              visibility={visibility}
              onVisibility={setVisibility}
              live={live}
              onLive={setLive}
            />
          </Suspense>
        </div>
      )}
    </div>
  );
}
