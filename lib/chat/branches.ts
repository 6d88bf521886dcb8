/**
 * A conversation is a tree of messages. A message's parentId is the message it follows;
 * regenerating an answer or editing a question adds a sibling (same parent), never replacing
 * anything, and Conversation.activeLeafId says which branch is shown. Pure functions, used by
 * the pipeline (what to send upstream, where to attach) and by the chat view (what to show).
 *
 * Rows saved before branches existed have parentId null throughout their conversation: such a
 * conversation is read as one linear chain (`withLinkedParents`), and the pipeline writes those
 * links on its next turn, so only never-touched old conversations are ever read that way.
 */
/** What the tree's shape needs: a long conversation's outline is read with no more (lib/chat/message-window.ts). */
export interface TreeNode {
  id: string;
  parentId: string | null;
}

export interface TreeMessage extends TreeNode {
  role: string;
  content: string;
  status: string;
}

export interface MessageTree<T extends TreeNode> {
  /** In creation order. */
  messages: readonly T[];
  byId: ReadonlyMap<string, T>;
  /** Children in creation order; the key null holds the roots. */
  children: ReadonlyMap<string | null, T[]>;
}

/** Messages in creation order, with every legacy (parentless) chain linked up in order. */
export function withLinkedParents<T extends TreeNode>(messages: readonly T[]): { messages: T[]; linked: T[] } {
  const legacy = messages.length > 1 && messages.every((m) => m.parentId === null);
  if (!legacy) return { messages: [...messages], linked: [] };
  const linked = messages.map((m, i) => ({ ...m, parentId: i === 0 ? null : (messages[i - 1]?.id ?? null) }));
  return { messages: linked, linked: linked.slice(1) };
}

export function buildTree<T extends TreeNode>(messages: readonly T[]): MessageTree<T> {
  const byId = new Map<string, T>();
  const children = new Map<string | null, T[]>();
  for (const m of messages) {
    byId.set(m.id, m);
    const siblings = children.get(m.parentId);
    if (siblings) siblings.push(m);
    else children.set(m.parentId, [m]);
  }
  return { messages, byId, children };
}

/** The messages from the root down to `id`, inclusive. */
export function pathTo<T extends TreeNode>(tree: MessageTree<T>, id: string): T[] {
  const path: T[] = [];
  const seen = new Set<string>();
  let current = tree.byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.push(current);
    current = current.parentId === null ? undefined : tree.byId.get(current.parentId);
  }
  return path.reverse();
}

/** Follows the newest child down from `id` to a leaf. */
export function newestLeaf<T extends TreeNode>(tree: MessageTree<T>, id: string): string {
  let leaf = id;
  for (let guard = tree.messages.length; guard > 0; guard--) {
    const next = tree.children.get(leaf)?.at(-1);
    if (!next) break;
    leaf = next.id;
  }
  return leaf;
}

/** The branch shown: down to `leafId` and on through the newest children (null = the newest message). */
export function activePath<T extends TreeNode>(tree: MessageTree<T>, leafId: string | null): T[] {
  const start = leafId && tree.byId.has(leafId) ? leafId : tree.messages.at(-1)?.id;
  return start ? pathTo(tree, newestLeaf(tree, start)) : [];
}

export function siblingsOf<T extends TreeNode>(tree: MessageTree<T>, message: T): T[] {
  return tree.children.get(message.parentId) ?? [message];
}

/** An answer that failed before its first word: never history, replaced when answered again. */
export function isFailedEmpty(message: TreeMessage): boolean {
  return message.role === "assistant" && message.status === "ERROR" && message.content === "";
}

export interface TurnPlacement<T extends TreeMessage> {
  /** The parent of the turn's first new message (or of the answer, when nothing new is sent). */
  parentId: string | null;
  /** The conversation up to that parent: what the model is shown. */
  history: T[];
  /** Failed empty answers under that parent with nothing after them, which this turn replaces. */
  discarded: string[];
}

/**
 * Where a turn attaches. `parentId` undefined = after the branch shown; null = a new root (the
 * first question, edited); an id = under that message (an edit or a regeneration). Sending
 * nothing new after the branch shown answers its last question again (Retry, Regenerate).
 * Returns null when `parentId` is not a message of this conversation.
 */
export function placeTurn<T extends TreeMessage>(
  tree: MessageTree<T>,
  options: { activeLeafId: string | null; parentId: string | null | undefined; answerAgain: boolean },
): TurnPlacement<T> | null {
  let anchor: T | undefined;
  if (options.parentId === undefined) {
    anchor = activePath(tree, options.activeLeafId).at(-1);
    if (anchor && options.answerAgain && anchor.role === "assistant") anchor = parentOf(tree, anchor);
  } else if (options.parentId !== null) {
    anchor = tree.byId.get(options.parentId);
    if (!anchor) return null;
  }
  // Answering again replaces a failed answer; a new question follows it, which keeps the failure
  // (its error and Retry) in the conversation.
  if (options.answerAgain) while (anchor && isFailedEmpty(anchor)) anchor = parentOf(tree, anchor);
  const discarded = (tree.children.get(anchor?.id ?? null) ?? [])
    .filter((m) => isFailedEmpty(m) && !tree.children.has(m.id))
    .map((m) => m.id);
  return { parentId: anchor?.id ?? null, history: anchor ? pathTo(tree, anchor.id) : [], discarded };
}

function parentOf<T extends TreeMessage>(tree: MessageTree<T>, message: T): T | undefined {
  return message.parentId === null ? undefined : tree.byId.get(message.parentId);
}
