"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * Streamed items applied once per animation frame, not once per event: `queue` collects,
 * `flush` applies now (before the stream's end is shown). A pending frame is cancelled when
 * the chat goes away.
 */
export function useFrameBatch<T>(apply: (id: string, items: T[]) => void) {
  const pending = useRef<{ id: string; items: T[] } | null>(null);
  const frame = useRef<number | null>(null);

  const flush = useCallback(() => {
    if (frame.current !== null) {
      cancelAnimationFrame(frame.current);
      frame.current = null;
    }
    const batch = pending.current;
    pending.current = null;
    if (batch?.items.length) apply(batch.id, batch.items);
  }, [apply]);

  const queue = useCallback(
    (id: string, item: T) => {
      if (pending.current && pending.current.id !== id) flush();
      if (pending.current) pending.current.items.push(item);
      else pending.current = { id, items: [item] };
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
