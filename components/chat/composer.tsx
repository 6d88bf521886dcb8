"use client";

import clsx from "clsx";
import { ArrowUp, Square } from "lucide-react";
import type { FormEvent, KeyboardEvent, RefObject } from "react";
import { useGrowWithText } from "./use-grow-with-text";

const MAX_HEIGHT = 224;

interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  streaming: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

export function Composer({ value, onChange, onSend, onStop, streaming, inputRef }: ComposerProps) {
  const empty = value.trim() === "";

  useGrowWithText(inputRef, value, MAX_HEIGHT);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!empty && !streaming) onSend();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      if (!empty && !streaming) onSend();
    }
  };

  return (
    <form onSubmit={submit} className="mx-auto w-full max-w-3xl px-3 pb-3 sm:px-4 sm:pb-4">
      <div
        className={clsx(
          "flex items-end gap-2 rounded-[26px] border border-zinc-200 bg-white p-2 pl-4 shadow-[0_1px_2px_rgb(0_0_0/0.04),0_4px_16px_-6px_rgb(0_0_0/0.08)] transition-[border-color,box-shadow]",
          "focus-within:border-zinc-300 focus-within:ring-4 focus-within:ring-zinc-900/[0.04]",
          "dark:border-zinc-800 dark:bg-zinc-900 dark:focus-within:border-zinc-700",
        )}
      >
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
          placeholder="Message SPJ Chat"
          className="scroll-thin max-h-56 min-h-10 flex-1 resize-none bg-transparent py-2 text-[0.9375rem] leading-6 text-zinc-900 outline-none placeholder:text-zinc-400 dark:text-zinc-100"
        />
        {streaming && (
          <button
            type="button"
            data-testid="stop-button"
            aria-label="Stop generating"
            title="Stop generating"
            onClick={onStop}
            className="flex size-9 shrink-0 items-center justify-center rounded-full bg-zinc-900 text-white transition-colors hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:ring-offset-2 dark:bg-white dark:text-zinc-900"
          >
            <Square className="size-3.5 fill-current" aria-hidden="true" />
          </button>
        )}
        <button
          type="submit"
          data-testid="send-button"
          aria-label="Send message"
          title="Send message"
          disabled={empty || streaming}
          hidden={streaming}
          className="flex size-9 shrink-0 items-center justify-center rounded-full bg-zinc-900 text-white transition-colors hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:bg-zinc-200 disabled:text-zinc-400 dark:bg-white dark:text-zinc-900 dark:disabled:bg-zinc-800 dark:disabled:text-zinc-500"
        >
          <ArrowUp className="size-[18px]" strokeWidth={2.25} aria-hidden="true" />
        </button>
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
