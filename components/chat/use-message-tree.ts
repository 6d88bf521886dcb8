"use client";

import { useCallback, useMemo, useState } from "react";
import { activePath, buildTree, isFailedEmpty, newestLeaf, siblingsOf } from "@/lib/chat/branches";
import type { ChatMessage } from "./types";

/** A message of the chat view's tree (every branch), with its parent known. */
export type ChatNode = ChatMessage & { parentId: string | null };

interface TreeState {
  messages: ChatNode[];
  /** The last message of the branch shown. */
  leafId: string | null;
}

/**
 * The chat view's messages: all branches, and the one shown. Local messages (not saved yet)
 * take their saved ids when the server tells them (`rename`), keeping their React key.
 */
export function useMessageTree(initialMessages: ChatNode[], initialLeafId: string | null) {
  const [state, setState] = useState<TreeState>({ messages: initialMessages, leafId: initialLeafId });
  const tree = useMemo(() => buildTree(state.messages), [state.messages]);
  const path = useMemo(() => activePath(tree, state.leafId), [tree, state.leafId]);

  const editMessages = useCallback((change: (messages: ChatNode[]) => ChatNode[]) => {
    setState((s) => ({ ...s, messages: change(s.messages) }));
  }, []);

  /** Adds a turn under `parentId` and shows it; what it replaces goes (see placeTurn). */
  const branchOff = useCallback((parentId: string | null, added: ChatNode[], replaced: string[] = []) => {
    setState((s) => {
      const gone = new Set(replaced);
      const followed = new Set(s.messages.map((m) => m.parentId));
      const replacedFailure = (m: ChatNode) => m.parentId === parentId && isFailedEmpty(m) && !followed.has(m.id);
      const kept = s.messages.filter((m) => !gone.has(m.id) && !replacedFailure(m));
      return { messages: [...kept, ...added], leafId: added.at(-1)?.id ?? s.leafId };
    });
  }, []);

  const patch = useCallback(
    (id: string, change: Partial<ChatNode>) =>
      editMessages((list) => list.map((m) => (m.id === id ? { ...m, ...change } : m))),
    [editMessages],
  );

  const remove = useCallback((id: string) => editMessages((list) => list.filter((m) => m.id !== id)), [editMessages]);

  /** A local message got its saved id. */
  const rename = useCallback((from: string, to: string) => {
    if (from === to) return;
    setState((s) => ({
      messages: s.messages.map((m) => {
        if (m.id === from) return { ...m, id: to, key: m.key ?? from };
        return m.parentId === from ? { ...m, parentId: to } : m;
      }),
      leafId: s.leafId === from ? to : s.leafId,
    }));
  }, []);

  /** Earlier messages, loaded as the reader scrolls up: they go before the ones already here. */
  const addOlder = useCallback((older: ChatNode[]) => {
    setState((s) => {
      const have = new Set(s.messages.map((m) => m.id));
      return { ...s, messages: [...older.filter((m) => !have.has(m.id)), ...s.messages] };
    });
  }, []);

  const show = useCallback((leafId: string) => setState((s) => ({ ...s, leafId })), []);

  const reset = useCallback((messages: ChatNode[], leafId: string | null) => setState({ messages, leafId }), []);

  /** The version `by` away from `message`, and the leaf to show for it (null when there is none). */
  const siblingLeaf = useCallback(
    (message: ChatNode, by: number): { siblingId: string; leafId: string } | null => {
      const siblings = siblingsOf(tree, message);
      const target = siblings[siblings.findIndex((m) => m.id === message.id) + by];
      return target ? { siblingId: target.id, leafId: newestLeaf(tree, target.id) } : null;
    },
    [tree],
  );

  return {
    tree,
    path,
    messages: state.messages,
    branchOff,
    patch,
    remove,
    rename,
    show,
    reset,
    addOlder,
    siblingLeaf,
  };
}

/**
 * Where the next question goes: after the branch shown, past an unsent question (replaced by the
 * new turn). A failed answer stays, with its error and Retry, as the server keeps it.
 */
export function attachPoint(path: readonly ChatNode[]): { parent: ChatNode | null; replaced: string[] } {
  const replaced: string[] = [];
  let end = path.length - 1;
  for (; end >= 0 && path[end]?.unsent; end--) replaced.push((path[end] as ChatNode).id);
  return { parent: end >= 0 ? (path[end] as ChatNode) : null, replaced };
}
