"use client";

import { useEffect, useRef } from "react";
import { JUMP_EVENT, requestJump } from "@/components/search/jump";
import { type MessageTree, newestLeaf } from "@/lib/chat/branches";
import type { ChatNode } from "./use-message-tree";

/**
 * A jump to a message (a search result: `#m-<id>`, or components/search/jump.ts's event) shows
 * it: an earlier message not loaded yet is loaded first (`loadThrough`), and one in a version
 * not shown gets that version shown, so the jump finds the message.
 */
export function useBranchJump(
  tree: MessageTree<ChatNode>,
  path: readonly ChatNode[],
  show: (leafId: string) => void,
  loadThrough: (id: string) => Promise<void>,
) {
  const latest = useRef({ tree, path });
  /** A message being loaded, revealed once it is in the tree. */
  const pending = useRef<string | null>(null);
  useEffect(() => {
    latest.current = { tree, path };
    const id = pending.current;
    if (id && tree.byId.has(id)) {
      pending.current = null;
      if (!path.some((m) => m.id === id)) show(newestLeaf(tree, id));
      // The jump (components/search/jump-to-message.tsx) waits a while for the message; loading
      // it may have taken longer: it is asked for again, now that the message is here.
      requestJump(id);
    }
  }, [tree, path, show]);

  useEffect(() => {
    const reveal = (id: string) => {
      const { tree, path } = latest.current;
      if (!tree.byId.has(id)) {
        pending.current = id;
        void loadThrough(id);
      } else if (!path.some((m) => m.id === id)) show(newestLeaf(tree, id));
    };
    const hashed = /^#m-(.+)$/.exec(window.location.hash)?.[1];
    if (hashed) reveal(decodeURIComponent(hashed));
    const onJump = (event: Event) => reveal((event as CustomEvent<string>).detail);
    window.addEventListener(JUMP_EVENT, onJump);
    return () => window.removeEventListener(JUMP_EVENT, onJump);
  }, [show, loadThrough]);
}
