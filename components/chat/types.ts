export type SavedStatus = "COMPLETE" | "STOPPED" | "ERROR";
export type MessageStatus = SavedStatus | "streaming";
export type MessageRole = "user" | "assistant" | "system";

export interface ChatMessage {
  id: string;
  /** The message this one follows (lib/chat/branches.ts); null = a first message. */
  parentId?: string | null;
  /** A stable React key while `id` changes from a local one to the saved one. */
  key?: string;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  error: string | null;
  /** Answers: the model that wrote it and the tokens it took. */
  model?: string | null;
  promptTokens?: number | null;
  completionTokens?: number | null;
  /** A user message the server never saved (the request failed before): Retry sends it again. */
  unsent?: boolean;
}

export interface SidebarConversation {
  id: string;
  title: string;
  /** ISO 8601. */
  updatedAt: string;
  /** ISO 8601 when pinned to the top of the sidebar (components/conversations). */
  pinnedAt?: string | null;
}

/** The NDJSON events of POST /api/chat and GET /api/conversations/[id]/stream. */
export type ChatEvent =
  | {
      type: "start";
      conversationId: string;
      title: string;
      model: string;
      /** The message the answer follows. */
      parentId: string | null;
      /** The ids of the messages saved with this turn (the question), in order. */
      messageIds: string[];
    }
  | { type: "delta"; text: string }
  | {
      type: "end";
      status: SavedStatus;
      messageId: string;
      error: string | null;
      model: string;
      promptTokens: number;
      completionTokens: number;
      tokenSource: string;
      /** Tokens this member may still spend this month, after this answer. */
      quotaLeft: number;
    };
