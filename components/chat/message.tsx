"use client";

import clsx from "clsx";
import { CircleAlert, RotateCcw, Sparkles, Square } from "lucide-react";
import { memo } from "react";
import { CopyButton } from "./copy-button";
import { Markdown } from "./markdown";
import type { ChatMessage } from "./types";

interface MessageProps {
  message: ChatMessage;
  /** Whether this message may offer Retry (it is the last one and nothing is streaming). */
  canRetry: boolean;
  onRetry: () => void;
}

export const Message = memo(function Message({ message, canRetry, onRetry }: MessageProps) {
  return message.role === "user" ? (
    <UserMessage message={message} canRetry={canRetry} onRetry={onRetry} />
  ) : (
    <AssistantMessage message={message} canRetry={canRetry} onRetry={onRetry} />
  );
});

function UserMessage({ message, canRetry, onRetry }: MessageProps) {
  return (
    <div data-testid="message" data-role="user" data-status={message.status} className="flex flex-col items-end gap-2">
      <div
        data-testid="message-content"
        className="max-w-[85%] rounded-3xl bg-zinc-100 px-4 py-2.5 text-[0.9375rem] leading-relaxed break-words whitespace-pre-wrap text-zinc-900 sm:max-w-[75%] dark:bg-zinc-800 dark:text-zinc-100"
      >
        {message.content}
      </div>
      {message.error && (
        <ChatError error={message.error} canRetry={canRetry} onRetry={onRetry} className="max-w-[85%] sm:max-w-[75%]" />
      )}
    </div>
  );
}

function AssistantMessage({ message, canRetry, onRetry }: MessageProps) {
  const streaming = message.status === "streaming";
  const waiting = streaming && message.content === "";
  const failedEmpty = message.status === "ERROR" && !message.content;
  return (
    <div
      data-testid="message"
      data-role="assistant"
      data-status={message.status}
      aria-busy={streaming || undefined}
      className="group/message flex gap-4"
    >
      <div
        aria-hidden="true"
        className={clsx(
          "mt-0.5 hidden size-8 shrink-0 items-center justify-center rounded-full border bg-white sm:flex dark:bg-zinc-900",
          failedEmpty
            ? "border-red-200 text-red-500 dark:border-red-900"
            : "border-zinc-200 text-zinc-700 dark:border-zinc-700 dark:text-zinc-300",
        )}
      >
        <Sparkles className="size-4" />
      </div>
      <div className="min-w-0 flex-1 pt-0.5">
        {waiting && (
          <div className="flex h-7 items-center gap-1" role="status" aria-label="Generating answer">
            <span className="thinking-dot size-1.5 rounded-full bg-zinc-400" />
            <span className="thinking-dot size-1.5 rounded-full bg-zinc-400" />
            <span className="thinking-dot size-1.5 rounded-full bg-zinc-400" />
          </div>
        )}
        <div
          data-testid="message-content"
          className={clsx("markdown text-zinc-800 dark:text-zinc-200", !message.content && "hidden")}
        >
          {message.content && <Markdown text={message.content} />}
        </div>
        {message.status === "STOPPED" && (
          <div className="mt-3">
            <span
              data-testid="stopped-marker"
              className="inline-flex items-center gap-1.5 rounded-full border border-zinc-200 bg-zinc-50 px-2.5 py-0.5 text-xs font-medium text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
            >
              <Square className="size-2.5 fill-current" aria-hidden="true" />
              Stopped
            </span>
          </div>
        )}
        {message.status === "ERROR" && (
          <ChatError
            error={message.error ?? "The answer could not be completed."}
            canRetry={canRetry}
            onRetry={onRetry}
            className={clsx(message.content && "mt-4")}
          />
        )}
        {(message.status === "COMPLETE" || message.status === "STOPPED") && message.content && (
          <div className="mt-2 -ml-1.5 flex items-center gap-1 opacity-100 transition-opacity sm:opacity-0 sm:group-last/message:opacity-100 sm:group-hover/message:opacity-100 sm:focus-within:opacity-100">
            <CopyButton
              label="Copy answer"
              getText={() => message.content}
              className="p-1.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
            />
          </div>
        )}
      </div>
    </div>
  );
}

function ChatError({
  error,
  canRetry,
  onRetry,
  className,
}: {
  error: string;
  canRetry: boolean;
  onRetry: () => void;
  className?: string;
}) {
  return (
    <div
      data-testid="chat-error"
      role="alert"
      className={clsx(
        "flex flex-wrap items-center gap-x-3 gap-y-2 rounded-xl border border-red-200 bg-red-50/70 px-3.5 py-2.5 text-sm text-red-700 dark:border-red-900/60 dark:bg-red-950/30 dark:text-red-300",
        className,
      )}
    >
      <span className="flex min-w-0 flex-1 items-start gap-2">
        <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
        <span className="min-w-0 break-words">{error}</span>
      </span>
      {canRetry && (
        <button
          type="button"
          data-testid="retry-button"
          onClick={onRetry}
          className="inline-flex h-7 items-center gap-1.5 rounded-lg border border-red-200 bg-white px-2.5 text-xs font-medium text-red-700 transition-colors hover:bg-red-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-red-300 dark:border-red-900 dark:bg-red-950 dark:text-red-300"
        >
          <RotateCcw className="size-3.5" aria-hidden="true" />
          Retry
        </button>
      )}
    </div>
  );
}
