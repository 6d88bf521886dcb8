import type { Actor } from "@/lib/auth/actor";
import { tokensLeftFor } from "@/lib/usage/quota";
import type { LiveRun } from "./active-runs";
import type { ChatOutcome } from "./pipeline";
import { followRun, STREAM_HEADERS } from "./stream";
import { type ChatEvent, chatEventOf } from "./stream-events";

/**
 * The browser's answer stream, in NDJSON events, for POST /api/chat and for a page that picks
 * up an answer mid-way (GET /api/conversations/[id]/stream):
 *   {"type":"start",...} {"type":"delta","text":"…"}… {"type":"end",...}
 * "start" says where the answer goes (the ids of the messages saved with it, its parent);
 * "end" how it ended, what it cost and the quota left.
 */
export function browserAnswer(actor: Actor, live: LiveRun, messageIds: string[]): Response {
  const { conversationId, title, model, parentId } = live.info;
  const line = (event: ChatEvent) => `${JSON.stringify(event)}\n`;
  const stream = followRun(live, {
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
  });
  return new Response(stream, {
    headers: { ...STREAM_HEADERS, "Content-Type": "application/x-ndjson; charset=utf-8" },
  });
}
