"use client";

import { useCallback, useLayoutEffect, useRef, useState } from "react";

/** Near enough to the bottom to keep following new text. */
const STICK_THRESHOLD = 48;

/**
 * Follows the answer while the reader is at the bottom of the scroller, and leaves them alone
 * once they scroll up. `follow()` goes back to following (a new message was sent).
 */
export function useStickToBottom(content: unknown) {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [atBottom, setAtBottom] = useState(true);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const near = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD;
    stick.current = near;
    setAtBottom(near);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs whenever the content changes
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [content]);

  const follow = useCallback(() => {
    stick.current = true;
  }, []);

  const scrollToBottom = useCallback(() => {
    stick.current = true;
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight, behavior: "smooth" });
  }, []);

  return { scroller, onScroll, atBottom, follow, scrollToBottom };
}
