import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { canReadConversation, canWriteConversation } from "@/lib/auth/policy";
import {
  type ConversationRecord,
  findConversation,
  listMessageOutline,
  listMessagesById,
  type MessageOutline,
  type MessageRecord,
} from "@/lib/db/conversations";
import { AppError, notFound } from "@/lib/errors";
import { activePath, buildTree, isFailedEmpty, type MessageTree, pathTo, withLinkedParents } from "./branches";

/**
 * A long conversation is opened with its newest messages only, and earlier ones are loaded as
 * the reader scrolls up (or jumps to an old message): the page's weight and the server's time no
 * longer grow with the conversation. The tree's outline (ids and parents, no text) is read whole,
 * which is cheap; only the messages of the window are read whole.
 *
 * The owner gets, with the branch shown, every version of its messages: what is loaded is always
 * every descendant of one message (the "anchor", the parent of the oldest message loaded on the
 * branch), so each loaded message has all its children and switching versions needs no request.
 * Loading earlier messages moves the anchor up. A colleague reading a shared conversation gets the
 * branch shown only, as sharing shows it (lib/sharing/shown.ts).
 */

/**
 * Messages of the branch shown that a page opens with, and that each "load earlier" adds: 20
 * keeps a page of Markdown answers with code near 150 KB (BENCHMARKS.md, "Long conversations").
 */
export const WINDOW_SIZE = 20;

export const WindowQuery = z.object({
  /** The oldest message loaded on the branch: the messages before it are wanted. */
  before: z.string().min(1).max(100).optional(),
  /** A message to load through, however far back (a search result jumped to). */
  through: z.string().min(1).max(100).optional(),
});
export type WindowQuery = z.infer<typeof WindowQuery>;

export interface MessageWindow {
  /** In creation order. */
  messages: MessageRecord[];
  /** The last message of the branch shown (null for an empty conversation). */
  leafId: string | null;
  /** Whether there are messages before the oldest one loaded. */
  hasOlder: boolean;
  /** Tokens of the messages not loaded yet (the header's conversation total counts them). */
  unloadedTokens: number;
}

/** Which messages a window holds, decided on the outline alone; null when `before` is unknown. */
export function windowOf(
  outline: readonly MessageOutline[],
  options: WindowQuery & { leafId: string | null; branchOnly: boolean; size?: number },
): { ids: string[]; leafId: string | null; hasOlder: boolean; unloadedTokens: number } | null {
  const size = options.size ?? WINDOW_SIZE;
  const tree = buildTree(withLinkedParents(outline).messages);
  const branch = activePath(tree, options.leafId);
  const leafId = branch.at(-1)?.id ?? null;
  if (options.before && !tree.byId.has(options.before)) return null;
  // The branch up to the oldest message loaded (the whole branch on opening).
  const chain = options.before ? pathTo(tree, options.before) : branch;
  const end = options.before ? chain.length - 1 : chain.length;
  let start = Math.max(0, end - size);
  const target = options.through && tree.byId.has(options.through) ? options.through : null;

  if (options.branchOnly) {
    const at = target ? chain.findIndex((m) => m.id === target) : -1;
    if (at >= 0 && at < start) start = at;
    const ids = chain.slice(start, end).map((m) => m.id);
    return { ids, leafId, hasOlder: start > 0, unloadedTokens: 0 };
  }

  // Through a message: up to an anchor it descends from (it may be in another version).
  if (target) {
    const ancestors = new Set(pathTo(tree, target).map((m) => m.id));
    ancestors.delete(target);
    while (start > 0 && !ancestors.has(chain[start]?.parentId ?? "")) start -= 1;
  }
  const anchor = chain[start]?.parentId ?? null;
  const loadedBefore = options.before ? (chain[end]?.parentId ?? null) : undefined;
  const loaded = descendants(tree, anchor);
  const already = loadedBefore === undefined ? new Set<string>() : new Set(descendants(tree, loadedBefore));
  const ids = loaded.filter((id) => !already.has(id));
  const inLoaded = new Set(loaded);
  let unloadedTokens = 0;
  for (const m of outline) if (!inLoaded.has(m.id)) unloadedTokens += (m.promptTokens ?? 0) + (m.completionTokens ?? 0);
  return { ids, leafId, hasOlder: anchor !== null, unloadedTokens };
}

/** The ids of every descendant of `anchor` (null: every message), in creation order. */
function descendants(tree: MessageTree<MessageOutline>, anchor: string | null): string[] {
  if (anchor === null) return tree.messages.map((m) => m.id);
  const found = new Set<string>();
  const queue = [anchor];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const child of tree.children.get(id) ?? []) {
      if (found.has(child.id)) continue;
      found.add(child.id);
      queue.push(child.id);
    }
  }
  return tree.messages.filter((m) => found.has(m.id)).map((m) => m.id);
}

/** The window of a conversation the actor may read, for its page or GET …/messages; otherwise a 404. */
export async function messageWindow(
  actor: Actor,
  conversationId: string,
  query: WindowQuery = {},
): Promise<MessageWindow & { conversation: ConversationRecord }> {
  const conversation = await findConversation(conversationId);
  if (!conversation || !canReadConversation(actor, conversation)) throw notFound("Conversation not found");
  const branchOnly = !canWriteConversation(actor, conversation);
  const outline = withLinkedParents(await listMessageOutline(conversationId));
  const window = windowOf(outline.messages, { ...query, leafId: conversation.activeLeafId, branchOnly });
  if (!window) throw new AppError("invalid_request", "Unknown message");
  const rows = await listMessagesById(conversationId, window.ids);
  // Legacy rows (saved before branches) have no parents: the outline's links are theirs.
  const relinked = new Map(outline.linked.map((m) => [m.id, m.parentId]));
  const linked = relinked.size === 0 ? rows : rows.map((m) => ({ ...m, parentId: relinked.get(m.id) ?? m.parentId }));
  // A colleague never sees failed answers that said nothing (as sharing shows a branch).
  const messages = branchOnly ? linked.filter((m) => !isFailedEmpty(m)) : linked;
  return {
    conversation,
    messages,
    leafId: window.leafId,
    hasOlder: window.hasOlder,
    unloadedTokens: window.unloadedTokens,
  };
}
