import type { Actor } from "./actor";

/**
 * The one place that decides who may do what to which resource. Callers turn a `false` into a
 * 404, so not-yours and not-found look the same.
 */
interface ConversationRef {
  workspaceId: string;
  ownerId: string;
  visibility: string;
}

export function canReadConversation(actor: Actor, conversation: ConversationRef): boolean {
  if (conversation.workspaceId !== actor.workspaceId) return false;
  return conversation.ownerId === actor.userId || conversation.visibility === "TEAM";
}

/** Posting into a conversation (and its answers) is its owner's alone. */
export function canWriteConversation(actor: Actor, conversation: ConversationRef): boolean {
  return conversation.workspaceId === actor.workspaceId && conversation.ownerId === actor.userId;
}
