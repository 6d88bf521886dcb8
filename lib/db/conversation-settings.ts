import { db } from "./client";

/**
 * A conversation's own settings and the branch it shows (see lib/chat/settings.ts, branches.ts).
 * Neither is new content, so the conversation keeps its place in the sidebar: updatedAt is
 * written back unchanged (Prisma's @updatedAt would move it to the top).
 */

export interface ConversationSettings {
  model: string;
  systemPrompt: string | null;
  temperature: number | null;
  maxTokens: number | null;
}

export async function updateConversationSettings(
  conversation: { id: string; updatedAt: Date },
  settings: ConversationSettings,
): Promise<void> {
  await db().conversation.update({
    where: { id: conversation.id },
    data: { ...settings, updatedAt: conversation.updatedAt },
  });
}

/** Shows the branch ending at `leafId`; false when that is not a message of this conversation. */
export async function setActiveLeaf(conversationId: string, leafId: string): Promise<boolean> {
  const message = await db().message.findFirst({
    where: { id: leafId, conversationId },
    select: { conversation: { select: { updatedAt: true } } },
  });
  if (!message) return false;
  await db().conversation.update({
    where: { id: conversationId },
    data: { activeLeafId: leafId, updatedAt: message.conversation.updatedAt },
  });
  return true;
}
