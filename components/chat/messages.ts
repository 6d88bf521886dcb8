import { withLinkedParents } from "@/lib/chat/branches";
import type { MessagePart } from "@/lib/chat/parts";
import type { ChatMessage, MessageRole, SavedStatus } from "./types";
import type { ChatNode } from "./use-message-tree";

/** A saved message as the server sends it (the page's props, GET /api/conversations/[id]). */
export interface SavedMessage {
  id: string;
  parentId: string | null;
  role: MessageRole;
  content: string;
  parts: MessagePart[];
  status: SavedStatus;
  error: string | null;
  model: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
}

/** Saved messages for the chat view: every version, parents linked (old rows included). */
export function chatMessagesOf(saved: readonly SavedMessage[]): ChatNode[] {
  return withLinkedParents(
    saved.map((m) => ({
      id: m.id,
      parentId: m.parentId,
      role: m.role,
      content: m.content,
      parts: m.parts,
      status: m.status,
      error: m.error,
      model: m.model,
      promptTokens: m.promptTokens,
      completionTokens: m.completionTokens,
    })),
  ).messages;
}

/** The saved conversation, as GET /api/conversations/[id] has it; null when it cannot be had. */
export async function fetchConversation(id: string): Promise<{ messages: ChatNode[]; leafId: string | null } | null> {
  const response = await fetch(`/api/conversations/${id}`, { cache: "no-store" }).catch(() => null);
  if (!response?.ok) return null;
  const data = (await response.json()) as { conversation: { activeLeafId: string | null }; messages: SavedMessage[] };
  return { messages: chatMessagesOf(data.messages), leafId: data.conversation.activeLeafId };
}

/** Tokens a conversation has used: each answer with its prompt, in every version. */
export function tokensUsed(messages: readonly ChatMessage[]): number {
  let total = 0;
  for (const m of messages) total += (m.promptTokens ?? 0) + (m.completionTokens ?? 0);
  return total;
}

let counter = 0;
const LOCAL = "local-";
/** An id for a message the server has not saved yet (unique unless a `suffix` is given). */
export const localId = (kind: string, suffix = `-${Date.now().toString(36)}-${(counter++).toString(36)}`) =>
  `${LOCAL}${kind}${suffix}`;
export const isSaved = (id: string) => !id.startsWith(LOCAL);
