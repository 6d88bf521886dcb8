"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * Streamed text applied once per animation frame, not once per delta: `queue` collects,
 * `flush` applies now (before the stream's end is shown). A pending frame is cancelled when
 * the chat goes away.
 */
export function useFrameBatch(apply: (id: string, text: string) => void) {
  const pending = useRef<{ id: string; text: string } | null>(null);
  const frame = useRef<number | null>(null);

  const flush = useCallback(() => {
    if (frame.current !== null) {
      cancelAnimationFrame(frame.current);
      frame.current = null;
    }
    const chunk = pending.current;
    if (!chunk?.text) return;
    pending.current = null;
    apply(chunk.id, chunk.text);
  }, [apply]);

  const queue = useCallback(
    (id: string, text: string) => {
      if (pending.current && pending.current.id === id) pending.current.text += text;
      else pending.current = { id, text };
      if (frame.current === null) {
        frame.current = requestAnimationFrame(() => {
          frame.current = null;
          flush();
        });
      }
    },
    [flush],
  );

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  return { queue, flush };
}
