import { activePath, buildTree, isFailedEmpty, pathTo, withLinkedParents } from "@/lib/chat/branches";
import type { MessageRecord } from "@/lib/db/conversations";

/**
 * What sharing shows of a conversation's tree of messages: one branch, from the first question
 * down to `messageId` (a reader's "continue from here"), or else the branch its owner has on
 * screen. Failed answers that never said anything are left out.
 */
export function sharedBranch(
  conversation: { activeLeafId: string | null },
  messages: MessageRecord[],
  messageId?: string,
): MessageRecord[] {
  const tree = buildTree(withLinkedParents(messages).messages);
  if (messageId && !tree.byId.has(messageId)) return [];
  const branch = messageId ? pathTo(tree, messageId) : activePath(tree, conversation.activeLeafId);
  return branch.filter((m) => !isFailedEmpty(m));
}
