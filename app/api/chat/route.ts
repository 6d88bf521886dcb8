import { requireActor } from "@/lib/auth/session";
import { type ChatOutcome, startChat } from "@/lib/chat/pipeline";
import { STREAM_HEADERS, streamRun } from "@/lib/chat/stream";
import { BrowserChatBody, firstIssue } from "@/lib/chat/validation";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";

/**
 * The browser's door into the chat pipeline. It answers in NDJSON events, so the chat view
 * learns the conversation id first, then deltas, then how the answer ended:
 *   {"type":"start",...} {"type":"delta","text":"…"}… {"type":"end",...}
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const actor = await requireActor();
    const body = BrowserChatBody.safeParse(await request.json().catch(() => null));
    if (!body.success) throw new AppError("invalid_request", firstIssue(body.error));
    const { conversationId, content, model } = body.data;
    const run = await startChat({
      actor,
      conversationId,
      messages: content ? [{ role: "user", content }] : [],
      model,
      signal: request.signal,
    });
    const line = (event: object) => `${JSON.stringify(event)}\n`;
    const stream = streamRun(run, {
      start: line({ type: "start", conversationId: run.conversationId, title: run.title, model: run.model }),
      delta: (text) => line({ type: "delta", text }),
      end: (outcome: ChatOutcome) => line({ type: "end", ...endEvent(outcome) }),
    });
    return new Response(stream, {
      headers: { ...STREAM_HEADERS, "Content-Type": "application/x-ndjson; charset=utf-8" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

function endEvent(outcome: ChatOutcome) {
  return {
    status: outcome.status,
    messageId: outcome.messageId,
    error: outcome.error,
    promptTokens: outcome.promptTokens,
    completionTokens: outcome.completionTokens,
    tokenSource: outcome.tokenSource,
  };
}
