"use client";

import { useCallback, useLayoutEffect, useRef, useState } from "react";

/** Near enough to the bottom to keep following new text. */
const STICK_THRESHOLD = 48;

/**
 * Follows the answer while the reader is at the bottom of the scroller, and leaves them alone
 * once they scroll up. `follow()` goes back to following (a new message was sent);
 * `keepInPlace()` holds a message where it is on screen through the next change (another
 * version of it is shown in its place).
 */
export function useStickToBottom(content: unknown) {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [atBottom, setAtBottom] = useState(true);
  const held = useRef<{ to: string; top: number } | null>(null);

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
    const hold = held.current;
    held.current = null;
    const anchor = hold && document.getElementById(hold.to);
    if (el && anchor && hold) el.scrollTop += anchor.getBoundingClientRect().top - hold.top;
    else if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [content]);

  /** The element `from` is on screen now; element `to` takes its place after the next change. */
  const keepInPlace = useCallback((from: string, to: string) => {
    const top = document.getElementById(from)?.getBoundingClientRect().top;
    held.current = top === undefined ? null : { to, top };
  }, []);

  const follow = useCallback(() => {
    stick.current = true;
  }, []);

  const scrollToBottom = useCallback(() => {
    stick.current = true;
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight, behavior: "smooth" });
  }, []);

  return { scroller, onScroll, atBottom, follow, scrollToBottom, keepInPlace };
}
