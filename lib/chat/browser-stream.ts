import type { Actor } from "@/lib/auth/actor";
import { chatConfig } from "@/lib/config";
import { tokensLeftFor } from "@/lib/usage/quota";
import type { ChatOutcome } from "./pipeline";
import { followAnswer } from "./runs/follow";
import { bodyStream, STREAM_HEADERS, streamAnswer } from "./stream";
import { type ChatEvent, chatEventOf } from "./stream-events";

/**
 * The browser's answer stream, in NDJSON events, for POST /api/chat and for a page that picks
 * up an answer mid-way (GET /api/conversations/[id]/stream), on any instance:
 *   {"type":"start",...} {"type":"delta","text":"…"}… {"type":"end",...} [{"type":"title",...}]
 * "start" says where the answer goes (the ids of the messages saved with it, its parent);
 * "end" how it ended, what it cost and the quota left; "title", after the end of a new chat's
 * first answer, its generated title (the answer is complete without it). Leaving does not stop the answer: it
 * stops once no page has read it for the reconnect grace (Generation.stopWhenUnreadFor).
 */
export interface BrowserAnswer {
  /** The answer's message id. */
  id: string;
  conversationId: string;
  title: string;
  model: string;
  /** The message the answer follows. */
  parentId: string | null;
  /** The ids of the messages saved with this turn (none for a page picking the answer up). */
  messageIds: string[];
  /** A new chat's generated title, written after the end when it replaced the first message's. */
  generatedTitle?: Promise<string | null>;
}

export function browserAnswer(actor: Actor, answer: BrowserAnswer): Response {
  const { id, conversationId, title, model, parentId, messageIds, generatedTitle } = answer;
  const line = (event: ChatEvent) => `${JSON.stringify(event)}\n`;
  const keepsAliveFor = chatConfig().reconnectGraceMs;
  const gone = new AbortController();
  const chunks = streamAnswer(
    (signal) => followAnswer(id, { signal, keepsAliveFor }),
    {
      start: line({ type: "start", conversationId, title, model, parentId, messageIds }),
      delta: (delta) => line(chatEventOf(delta)),
      end: async (outcome: ChatOutcome) =>
        line({
          type: "end",
          status: outcome.status,
          messageId: outcome.messageId,
          error: outcome.error,
          model,
          promptTokens: outcome.promptTokens,
          completionTokens: outcome.completionTokens,
          tokenSource: outcome.tokenSource,
          quotaLeft: await tokensLeftFor(actor.workspaceId, actor.userId),
        }),
      afterEnd:
        generatedTitle &&
        (async () => {
          const generated = await generatedTitle;
          return generated ? line({ type: "title", conversationId, title: generated }) : "";
        }),
    },
    gone.signal,
  );
  return new Response(
    bodyStream(chunks, () => gone.abort()),
    {
      headers: { ...STREAM_HEADERS, "Content-Type": "application/x-ndjson; charset=utf-8" },
    },
  );
}
