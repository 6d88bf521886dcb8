import type { Actor } from "@/lib/auth/actor";
import { canReadConversation } from "@/lib/auth/policy";
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
