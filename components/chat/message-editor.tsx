"use client";

import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useGrowWithText } from "./use-grow-with-text";

const MAX_HEIGHT = 320;

/**
 * Editing a question in place. Saving sends it as a new version: the old question and its
 * answers stay, one "<" away.
 */
export function MessageEditor({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (content: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const empty = text.trim() === "";
  useGrowWithText(ref, text, MAX_HEIGHT);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      if (!empty) onSave(text.trim());
    }
  };

  return (
    <form
      className="w-full max-w-[85%] rounded-3xl bg-zinc-100 p-3 sm:max-w-[75%] dark:bg-zinc-800"
      onSubmit={(e) => {
        e.preventDefault();
        if (!empty) onSave(text.trim());
      }}
    >
      <label htmlFor={id} className="sr-only">
        Edit your message
      </label>
      <textarea
        id={id}
        ref={ref}
        data-testid="edit-input"
        value={text}
        rows={2}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        className="scroll-thin w-full resize-none bg-transparent px-1 text-[0.9375rem] leading-relaxed text-zinc-900 outline-none dark:text-zinc-100"
      />
      <div className="mt-2 flex justify-end gap-2">
        <button
          type="button"
          data-testid="edit-cancel"
          onClick={onCancel}
          className="h-8 rounded-full border border-zinc-300 bg-white px-3.5 text-sm font-medium text-zinc-700 transition-colors hover:bg-zinc-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-700"
        >
          Cancel
        </button>
        <button
          type="submit"
          data-testid="edit-save"
          disabled={empty}
          className="h-8 rounded-full bg-zinc-900 px-3.5 text-sm font-medium text-white transition-colors hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
        >
          Send
        </button>
      </div>
    </form>
  );
}
