"use client";

import { useEffect, useRef } from "react";
import { JUMP_EVENT } from "@/components/search/jump";
import { type MessageTree, newestLeaf } from "@/lib/chat/branches";
import type { ChatNode } from "./use-message-tree";

/**
 * A jump to a message (a search result: `#m-<id>`, or components/search/jump.ts's event) that
 * is in a version not shown shows that version first, so the jump finds the message.
 */
export function useBranchJump(tree: MessageTree<ChatNode>, path: readonly ChatNode[], show: (leafId: string) => void) {
  const latest = useRef({ tree, path });
  useEffect(() => {
    latest.current = { tree, path };
  }, [tree, path]);

  useEffect(() => {
    const reveal = (id: string) => {
      const { tree, path } = latest.current;
      if (tree.byId.has(id) && !path.some((m) => m.id === id)) show(newestLeaf(tree, id));
    };
    const hashed = /^#m-(.+)$/.exec(window.location.hash)?.[1];
    if (hashed) reveal(decodeURIComponent(hashed));
    const onJump = (event: Event) => reveal((event as CustomEvent<string>).detail);
    window.addEventListener(JUMP_EVENT, onJump);
    return () => window.removeEventListener(JUMP_EVENT, onJump);
  }, [show]);
}
