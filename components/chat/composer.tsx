"use client";

import clsx from "clsx";
import { ArrowUp, LoaderCircle, Paperclip, Square } from "lucide-react";
import {
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
  lazy,
  type RefObject,
  Suspense,
  useEffect,
  useRef,
  useState,
} from "react";
import type { Attachments } from "./use-attachments";
import { useFileDrop } from "./use-file-drop";
import { useGrowWithText } from "./use-grow-with-text";

const MAX_HEIGHT = 224;

// The chips come with the first file attached: most messages have none.
const AttachmentChips = lazy(() => import("./attachment-chips").then((m) => ({ default: m.AttachmentChips })));

interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  /** Sends the text with the attachments that are ready (called once every upload has ended). */
  onSend: () => void;
  onStop: () => void;
  streaming: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  attachments: Attachments;
  /** The model that will answer: one without vision gets no images. */
  model: { label: string; vision: boolean };
}

const roundButton =
  "flex size-9 shrink-0 items-center justify-center rounded-full transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:ring-offset-2";

export function Composer(props: ComposerProps) {
  const { value, onChange, onSend, onStop, streaming, inputRef, attachments, model } = props;
  const { attachments: files, add, remove, uploading, failed } = attachments;
  const picker = useRef<HTMLInputElement>(null);
  const dragging = useFileDrop(add);
  // Send pressed while files are still uploading: the message goes once they are in.
  const [waiting, setWaiting] = useState(false);
  const empty = value.trim() === "";
  const imagesRefused =
    !model.vision && files.some((f) => (f.uploaded ? f.uploaded.kind === "image" : f.type.startsWith("image/")));
  const blocked = empty || streaming || failed || imagesRefused;

  useGrowWithText(inputRef, value, MAX_HEIGHT);

  useEffect(() => {
    if (!waiting || uploading) return;
    setWaiting(false);
    if (!blocked) onSend();
  }, [waiting, uploading, blocked, onSend]);

  const trySend = () => {
    if (blocked) return;
    if (uploading) setWaiting(true);
    else onSend();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    trySend();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      trySend();
    }
  };

  // A pasted screenshot or copied file is attached; pasted text stays text.
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = [...e.clipboardData.files];
    if (pasted.length === 0) return;
    add(pasted);
    if (!e.clipboardData.getData("text/plain")) e.preventDefault();
  };

  const notice = imagesRefused
    ? `${model.label} cannot read images. Remove them, or pick a model with vision to send them.`
    : failed
      ? "Some files could not be attached. Remove them to send your message."
      : waiting
        ? "Sending as soon as the files are uploaded…"
        : null;

  return (
    <form onSubmit={submit} className="mx-auto w-full max-w-3xl px-3 pb-3 sm:px-4 sm:pb-4">
      {notice && (
        <p
          data-testid="composer-notice"
          role="status"
          className={clsx(
            "mb-2 rounded-xl border px-3.5 py-2 text-sm",
            waiting && !imagesRefused && !failed
              ? "border-zinc-200 bg-zinc-50 text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
              : "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/30 dark:text-amber-200",
          )}
        >
          {notice}
        </p>
      )}
      <div
        data-testid="composer-box"
        className={clsx(
          "flex flex-col rounded-[26px] border border-zinc-200 bg-white p-2 shadow-[0_1px_2px_rgb(0_0_0/0.04),0_4px_16px_-6px_rgb(0_0_0/0.08)] transition-[border-color,box-shadow]",
          "focus-within:border-zinc-300 focus-within:ring-4 focus-within:ring-zinc-900/[0.04]",
          "dark:border-zinc-800 dark:bg-zinc-900 dark:focus-within:border-zinc-700",
          dragging && "border-zinc-400 ring-4 ring-zinc-900/[0.06] dark:border-zinc-500",
        )}
      >
        {files.length > 0 && (
          <Suspense fallback={null}>
            <AttachmentChips
              attachments={files}
              onRemove={(key) => {
                remove(key);
                // The removed chip's button is gone: the keyboard goes back to the message.
                inputRef.current?.focus();
              }}
            />
          </Suspense>
        )}
        <div className="flex items-end gap-1.5">
          <input
            ref={picker}
            type="file"
            multiple
            hidden
            data-testid="attach-input"
            onChange={(e) => {
              add([...(e.target.files ?? [])]);
              // The same file can be picked again after its chip was removed.
              e.target.value = "";
            }}
          />
          <button
            type="button"
            data-testid="attach-button"
            aria-label="Attach files"
            title="Attach files (or paste, or drop them here)"
            onClick={() => picker.current?.click()}
            className={clsx(
              roundButton,
              "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100",
            )}
          >
            <Paperclip className="size-[18px]" aria-hidden="true" />
          </button>
          <label htmlFor="composer-input" className="sr-only">
            Message SPJ Chat
          </label>
          <textarea
            id="composer-input"
            ref={inputRef}
            data-testid="composer-input"
            rows={1}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            placeholder={dragging ? "Drop files to attach them" : "Message SPJ Chat"}
            className="scroll-thin max-h-56 min-h-10 flex-1 resize-none bg-transparent py-2 text-[0.9375rem] leading-6 text-zinc-900 outline-none placeholder:text-zinc-400 dark:text-zinc-100"
          />
          {streaming && (
            <button
              type="button"
              data-testid="stop-button"
              aria-label="Stop generating"
              title="Stop generating"
              onClick={onStop}
              className={clsx(roundButton, "bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-white dark:text-zinc-900")}
            >
              <Square className="size-3.5 fill-current" aria-hidden="true" />
            </button>
          )}
          <button
            type="submit"
            data-testid="send-button"
            aria-label="Send message"
            title="Send message"
            disabled={blocked || waiting}
            hidden={streaming}
            className={clsx(
              roundButton,
              "bg-zinc-900 text-white hover:bg-zinc-700 disabled:cursor-not-allowed disabled:bg-zinc-200 disabled:text-zinc-400 dark:bg-white dark:text-zinc-900 dark:disabled:bg-zinc-800 dark:disabled:text-zinc-500",
            )}
          >
            {waiting ? (
              <LoaderCircle className="size-[18px] animate-spin" aria-hidden="true" />
            ) : (
              <ArrowUp className="size-[18px]" strokeWidth={2.25} aria-hidden="true" />
            )}
          </button>
        </div>
      </div>
      <p className="mt-2 hidden text-center text-xs text-zinc-500 sm:block dark:text-zinc-400">
        Answers can be wrong. Check important information.
        <span className="hidden lg:inline">
          {" "}
          · Press <kbd className="font-sans font-medium">?</kbd> for keyboard shortcuts.
        </span>
      </p>
    </form>
  );
}
