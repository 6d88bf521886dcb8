"use client";

import clsx from "clsx";
import { CircleAlert, Pencil, RefreshCw, RotateCcw, Sparkles, Square } from "lucide-react";
import { memo, useEffect, useState } from "react";
import { messageAnchor } from "@/components/search/jump";
import { CopyButton } from "./copy-button";
import { FileView } from "./file-part";
import { ActionButton, actionButtonClass, type MessageControls, VersionSwitcher } from "./message-actions";
import { MessageEditor } from "./message-editor";
import { MessageParts } from "./message-parts";
import { type ChatMessage, partsOf } from "./types";

interface MessageProps {
  message: ChatMessage;
  /** Whether this message may offer Retry (a failure that trying again may mend, nothing streaming). */
  canRetry: boolean;
  onRetry: (message: ChatMessage) => void;
  /** The owner's controls (versions, edit, regenerate); read-only views pass none. */
  controls?: MessageControls;
  /** This message is version `versionIndex` + 1 of `versionCount`. */
  versionIndex?: number;
  versionCount?: number;
  /** The last answer shown: the one Regenerate answers again. */
  lastAnswer?: boolean;
  /** An answer is being generated: nothing branches meanwhile. */
  busy?: boolean;
}

const grouped = new Intl.NumberFormat("en");

// Actions show on hover/focus on larger screens (always for the last answer), always on phones.
const actionRow =
  "flex min-h-8 flex-wrap items-center gap-0.5 transition-opacity sm:opacity-0 sm:group-hover/message:opacity-100 sm:focus-within:opacity-100";

export const Message = memo(function Message(props: MessageProps) {
  return props.message.role === "user" ? <UserMessage {...props} /> : <AssistantMessage {...props} />;
});

function UserMessage(props: MessageProps) {
  const { message, canRetry, onRetry, controls, versionCount = 1, busy } = props;
  const [editing, setEditing] = useState(false);
  const canEdit = Boolean(controls) && !message.unsent && !busy;
  return (
    <div
      id={messageAnchor(message.id)}
      data-testid="message"
      data-role="user"
      data-status={message.status}
      className="group/message flex flex-col items-end gap-1"
    >
      <UserFiles message={message} />
      {editing && controls ? (
        <MessageEditor
          initial={message.content}
          onCancel={() => setEditing(false)}
          onSave={(content) => {
            setEditing(false);
            controls.edit(message, content);
          }}
        />
      ) : (
        <div
          data-testid="message-content"
          className="max-w-[85%] rounded-3xl bg-zinc-100 px-4 py-2.5 text-[0.9375rem] leading-relaxed break-words whitespace-pre-wrap text-zinc-900 sm:max-w-[75%] dark:bg-zinc-800 dark:text-zinc-100"
        >
          {message.content}
        </div>
      )}
      {message.error && (
        <ChatError
          error={message.error}
          canRetry={canRetry}
          onRetry={() => onRetry(message)}
          className="max-w-[85%] sm:max-w-[75%]"
        />
      )}
      {!editing && !message.unsent && (
        <div className={clsx(actionRow, versionCount > 1 && "sm:opacity-100")}>
          <VersionSwitcher {...props} />
          {canEdit && (
            <ActionButton icon={Pencil} label="Edit message" testId="edit-message" onClick={() => setEditing(true)} />
          )}
          <CopyButton
            testId="copy-message"
            label="Copy message"
            getText={() => message.content}
            className={actionButtonClass}
          />
        </div>
      )}
    </div>
  );
}

/** The files sent with a question, above its text (as ChatGPT and Claude show them). */
function UserFiles({ message }: { message: ChatMessage }) {
  const files = partsOf(message).flatMap((p) => (p.type === "file" ? [p] : []));
  if (files.length === 0) return null;
  return (
    <div data-testid="message-files" className="mb-1 flex max-w-[85%] flex-wrap justify-end gap-2 sm:max-w-[75%]">
      {files.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a message's parts never change order
        <FileView key={i} part={part} />
      ))}
    </div>
  );
}

function AssistantMessage(props: MessageProps) {
  const { message, canRetry, onRetry, controls, versionCount = 1, lastAnswer, busy } = props;
  const streaming = message.status === "streaming";
  const parts = partsOf(message);
  const waiting = streaming && parts.length === 0;
  const failedEmpty = message.status === "ERROR" && parts.length === 0;
  const settled = !streaming && !failedEmpty;
  return (
    <div
      id={messageAnchor(message.id)}
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
        {waiting && <Waiting />}
        <div data-testid="message-content" className={clsx("flex flex-col gap-3", parts.length === 0 && "hidden")}>
          <MessageParts parts={parts} live={streaming} />
        </div>
        {(message.status === "STOPPED" || message.status === "INTERRUPTED") && (
          <div className="mt-3">
            {/* INTERRUPTED: the server generating it stopped; the answer so far was saved. */}
            <span
              data-testid={message.status === "STOPPED" ? "stopped-marker" : "interrupted-marker"}
              className="inline-flex items-center gap-1.5 rounded-full border border-zinc-200 bg-zinc-50 px-2.5 py-0.5 text-xs font-medium text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
            >
              <Square className="size-2.5 fill-current" aria-hidden="true" />
              {message.status === "STOPPED" ? "Stopped" : "Interrupted"}
            </span>
          </div>
        )}
        {message.status === "ERROR" && (
          <ChatError
            error={message.error ?? "The answer could not be completed."}
            canRetry={canRetry}
            onRetry={() => onRetry(message)}
            className={clsx(parts.length > 0 && "mt-4")}
          />
        )}
        {(settled || (controls && versionCount > 1 && !streaming)) && (
          <div className={clsx(actionRow, "mt-2 -ml-1.5", (lastAnswer || versionCount > 1) && "sm:opacity-100")}>
            <VersionSwitcher {...props} />
            {settled && (
              <CopyButton
                testId="copy-message"
                label="Copy answer"
                getText={() => message.content}
                className={actionButtonClass}
              />
            )}
            {controls && lastAnswer && (
              <ActionButton
                icon={RefreshCw}
                label="Regenerate answer"
                testId="regenerate"
                disabled={busy}
                onClick={() => controls.regenerate(message)}
              />
            )}
            <AnswerCost message={message} />
          </div>
        )}
      </div>
    </div>
  );
}

/** After this long without a first word, the dots say what they are waiting for. */
const SLOW_FIRST_TOKEN_MS = 3000;

/** Dots until the first word; then, when it is slow to come, that the model is still thinking. */
function Waiting() {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_FIRST_TOKEN_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="flex h-7 items-center gap-1" role="status" aria-label="Generating answer">
      <span className="thinking-dot size-1.5 rounded-full bg-zinc-400" />
      <span className="thinking-dot size-1.5 rounded-full bg-zinc-400" />
      <span className="thinking-dot size-1.5 rounded-full bg-zinc-400" />
      {slow && (
        <span data-testid="slow-first-token" className="ml-2 text-sm text-zinc-500 dark:text-zinc-400">
          Still waiting for the model…
        </span>
      )}
    </div>
  );
}

/** The model that answered and the tokens the answer took. */
function AnswerCost({ message }: { message: ChatMessage }) {
  if (message.completionTokens == null) return null;
  const prompt = message.promptTokens ?? 0;
  return (
    <span
      data-testid="message-tokens"
      title={`${grouped.format(prompt)} prompt + ${grouped.format(message.completionTokens)} answer tokens`}
      className="ml-1.5 truncate text-xs text-zinc-500 tabular-nums dark:text-zinc-400"
    >
      {message.model && <span data-testid="message-model">{message.model} · </span>}
      {grouped.format(message.completionTokens)} tokens
    </span>
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
