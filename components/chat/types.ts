export type SavedStatus = "COMPLETE" | "STOPPED" | "ERROR";
export type MessageStatus = SavedStatus | "streaming";
export type MessageRole = "user" | "assistant" | "system";

export interface ChatMessage {
  id: string;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  error: string | null;
  /** A user message the server never saved (the request failed before): Retry sends it again. */
  unsent?: boolean;
}

export interface SidebarConversation {
  id: string;
  title: string;
  /** ISO 8601. */
  updatedAt: string;
}

/** The NDJSON events of POST /api/chat. */
export type ChatEvent =
  | { type: "start"; conversationId: string; title: string; model: string }
  | { type: "delta"; text: string }
  | {
      type: "end";
      status: SavedStatus;
      messageId: string;
      error: string | null;
      promptTokens: number;
      completionTokens: number;
      tokenSource: string;
      /** Tokens this member may still spend this month, after this answer. */
      quotaLeft: number;
    };
