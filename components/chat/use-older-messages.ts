"use client";

import { type RefObject, useCallback, useRef, useState } from "react";
import { messageAnchor } from "@/components/search/jump";
import { fetchWindow, isSaved, type LoadedWindow } from "./messages";
import type { ChatNode } from "./use-message-tree";

/** Scrolled this close to the top, the earlier messages are fetched before the reader gets there. */
const LOAD_WITHIN_PX = 400;

/**
 * A long conversation opens with its newest messages (lib/chat/message-window.ts); this loads
 * the earlier ones when the reader scrolls near the top, or down to a message jumped to, and
 * keeps what the reader sees in place while they are added above it.
 */
export function useOlderMessages(options: {
  conversationId: RefObject<string | null>;
  path: readonly ChatNode[];
  addOlder: (older: ChatNode[]) => void;
  keepInPlace: (from: string, to: string) => void;
  hasOlder: boolean;
  unloadedTokens: number;
}) {
  const { conversationId, addOlder, keepInPlace } = options;
  const [hasOlder, setHasOlder] = useState(options.hasOlder);
  const [unloadedTokens, setUnloadedTokens] = useState(options.unloadedTokens);
  const [loading, setLoading] = useState(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const latest = useRef({ path: options.path, hasOlder });
  latest.current = { path: options.path, hasOlder };

  /** Loads the messages before the oldest one shown (down to `through`, when given). */
  const loadOlder = useCallback(
    (through?: string): Promise<void> => {
      const id = conversationId.current;
      const oldest = latest.current.path.find((m) => isSaved(m.id));
      if (!id || !oldest || !latest.current.hasOlder) return Promise.resolve();
      if (inFlight.current) return inFlight.current.then(() => (through ? loadOlder(through) : undefined));
      setLoading(true);
      const loading = fetchWindow(id, { before: oldest.id, through })
        .then((window) => {
          if (!window) return;
          keepInPlace(messageAnchor(oldest.id), messageAnchor(oldest.id));
          addOlder(window.messages);
          setHasOlder(window.hasOlder);
          latest.current.hasOlder = window.hasOlder;
          setUnloadedTokens(window.unloadedTokens);
        })
        .finally(() => {
          inFlight.current = null;
          setLoading(false);
        });
      inFlight.current = loading;
      return loading;
    },
    [conversationId, addOlder, keepInPlace],
  );

  /** For the scroller's onScroll: near the top, the earlier messages come. */
  const loadNearTop = useCallback(
    (scroller: HTMLElement | null) => {
      if (scroller && scroller.scrollTop < LOAD_WITHIN_PX && latest.current.hasOlder) void loadOlder();
    },
    [loadOlder],
  );

  /** The conversation was fetched again from its newest messages. */
  const restart = useCallback((window: LoadedWindow) => {
    setHasOlder(window.hasOlder);
    setUnloadedTokens(window.unloadedTokens);
  }, []);

  return { hasOlder, loading, unloadedTokens, loadOlder, loadNearTop, restart };
}
