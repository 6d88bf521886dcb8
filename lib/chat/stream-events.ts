import type { MessageStatus } from "@/lib/db/enums";
import type { GenerationDelta } from "@/lib/providers/types";

/**
 * The browser's answer stream (POST /api/chat, GET /api/conversations/[id]/stream), one JSON
 * event per line. The one definition both sides import: lib/chat/browser-stream.ts writes it,
 * components/chat reads it.
 */
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
  /** Answer text. */
  | { type: "delta"; text: string }
  /** The model's reasoning, and fragments of its tool calls (see GenerationDelta). */
  | Exclude<GenerationDelta, { type: "text" }>
  | {
      type: "end";
      status: MessageStatus;
      messageId: string;
      error: string | null;
      model: string;
      promptTokens: number;
      completionTokens: number;
      tokenSource: string;
      /** Tokens this member may still spend this month, after this answer. */
      quotaLeft: number;
    }
  /** After the end of a new chat's first answer: the title generated for it (lib/chat/title-generation.ts). */
  | { type: "title"; conversationId: string; title: string };

/** The events a door writes for one delta of the answer. */
export function chatEventOf(delta: GenerationDelta): ChatEvent {
  return delta.type === "text" ? { type: "delta", text: delta.text } : delta;
}
