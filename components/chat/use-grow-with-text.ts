"use client";

import { type RefObject, useLayoutEffect } from "react";

/** A textarea as tall as its text (wrapped lines too) up to `maxHeight`, then scrolling inside. */
export function useGrowWithText(ref: RefObject<HTMLTextAreaElement | null>, text: string, maxHeight: number): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height depends on the text
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, maxHeight)}px`;
    el.style.overflowY = el.scrollHeight > maxHeight ? "auto" : "hidden";
  }, [text, ref, maxHeight]);
}
