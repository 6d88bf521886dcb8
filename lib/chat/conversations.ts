import type { Actor } from "@/lib/auth/actor";
import { canReadConversation, canWriteConversation } from "@/lib/auth/policy";
import { type ConversationRecord, findConversation, listMessages, type MessageRecord } from "@/lib/db/conversations";
import { notFound } from "@/lib/errors";

export const SIDEBAR_PAGE_SIZE = 50;

/** A conversation with its messages, if the actor may read it; otherwise a 404. */
export async function readableConversation(
  actor: Actor,
  id: string,
): Promise<{ conversation: ConversationRecord; messages: MessageRecord[] }> {
  const conversation = await findConversation(id);
  if (!conversation || !canReadConversation(actor, conversation)) throw notFound("Conversation not found");
  return { conversation, messages: await listMessages(id) };
}

/** Whether the actor may open the conversation, without loading its messages. */
export async function mayReadConversation(actor: Actor, id: string): Promise<boolean> {
  const conversation = await findConversation(id);
  return Boolean(conversation && canReadConversation(actor, conversation));
}

/** A conversation the actor may post into (its owner); otherwise a 404. */
export async function writableConversation(actor: Actor, id: string): Promise<ConversationRecord> {
  const conversation = await findConversation(id);
  if (!conversation || !canWriteConversation(actor, conversation)) throw notFound("Conversation not found");
  return conversation;
}
