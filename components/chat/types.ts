import { textParts } from "@/lib/chat/part-text";
import type { MessagePart } from "@/lib/chat/parts";
import type { MessageRole, MessageStatus as SavedStatus } from "@/lib/db/enums";

export type { MessageRole, SavedStatus };
/** A saved status, or "streaming" while the answer is being shown as it comes. */
export type MessageStatus = SavedStatus | "streaming";

export interface ChatMessage {
  id: string;
  /** The message this one follows (lib/chat/branches.ts); null = a first message. */
  parentId?: string | null;
  /** A stable React key while `id` changes from a local one to the saved one. */
  key?: string;
  role: MessageRole;
  /** The plain text of the text parts (what Copy and Edit use). */
  content: string;
  /** The message's parts (text, reasoning, tool calls…); absent = `content` is its only text. */
  parts?: readonly MessagePart[];
  status: MessageStatus;
  error: string | null;
  /** Answers: the model that wrote it and the tokens it took. */
  model?: string | null;
  promptTokens?: number | null;
  completionTokens?: number | null;
  /** A user message the server never saved (the request failed before): Retry sends it again. */
  unsent?: boolean;
  /** The failure cannot go away by trying again (a spent quota, a refused request): no Retry. */
  final?: boolean;
}

/** What a message shows, in order. */
export const partsOf = (message: ChatMessage): readonly MessagePart[] => message.parts ?? textParts(message.content);

export interface SidebarConversation {
  id: string;
  title: string;
  /** ISO 8601. */
  updatedAt: string;
  /** ISO 8601 when pinned to the top of the sidebar (components/conversations). */
  pinnedAt?: string | null;
}
