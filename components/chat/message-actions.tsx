"use client";

import clsx from "clsx";
import { ChevronLeft, ChevronRight, type LucideIcon } from "lucide-react";
import type { ChatMessage } from "./types";

/** What the owner of a conversation can do with its messages (read-only views pass none). */
export interface MessageControls {
  /** Shows the previous (-1) or next (+1) version of the message. */
  showVersion(message: ChatMessage, by: -1 | 1): void;
  /** Sends an edited question as a new version of `message`. */
  edit(message: ChatMessage, content: string): void;
  /** Answers `message`'s question again, as a new version of it. */
  regenerate(message: ChatMessage): void;
}

export const actionButtonClass =
  "inline-flex size-8 items-center justify-center rounded-lg text-zinc-500 transition-colors hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 disabled:pointer-events-none disabled:opacity-40 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";

export function ActionButton({
  icon: Icon,
  label,
  testId,
  onClick,
  disabled,
}: {
  icon: LucideIcon;
  label: string;
  testId: string;
  onClick: () => void;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      data-testid={testId}
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className={actionButtonClass}
    >
      <Icon className="size-4" aria-hidden="true" />
    </button>
  );
}

/** "< 2/3 >": the versions of a message (regenerated answers, edited questions), when it has several. */
export function VersionSwitcher({
  message,
  controls,
  versionIndex: index = 0,
  versionCount: count = 1,
  busy: disabled = false,
}: {
  message: ChatMessage;
  controls?: MessageControls;
  versionIndex?: number;
  versionCount?: number;
  busy?: boolean;
}) {
  if (!controls || count < 2) return null;
  const noun = message.role === "user" ? "question" : "answer";
  return (
    <div className="flex items-center text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
      <button
        type="button"
        data-testid="branch-prev"
        aria-label={`Previous ${noun} version`}
        title={`Previous ${noun} version`}
        disabled={disabled || index === 0}
        onClick={() => controls.showVersion(message, -1)}
        className={clsx(actionButtonClass, "size-7")}
      >
        <ChevronLeft className="size-4" aria-hidden="true" />
      </button>
      <span data-testid="branch-label" aria-hidden="true" className="min-w-8 text-center">
        {index + 1}/{count}
      </span>
      <span className="sr-only">
        Version {index + 1} of {count}
      </span>
      <button
        type="button"
        data-testid="branch-next"
        aria-label={`Next ${noun} version`}
        title={`Next ${noun} version`}
        disabled={disabled || index === count - 1}
        onClick={() => controls.showVersion(message, 1)}
        className={clsx(actionButtonClass, "size-7")}
      >
        <ChevronRight className="size-4" aria-hidden="true" />
      </button>
    </div>
  );
}
