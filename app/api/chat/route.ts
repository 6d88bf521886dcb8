import { requireActor } from "@/lib/auth/session";
import { type ChatOutcome, startChat } from "@/lib/chat/pipeline";
import { STREAM_HEADERS, streamRun } from "@/lib/chat/stream";
import { BrowserChatBody, firstIssue } from "@/lib/chat/validation";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";
import { quotaResetsAt, tokensLeftFor } from "@/lib/usage/quota";

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
      end: async (outcome: ChatOutcome) =>
        line({ type: "end", ...endEvent(outcome), quotaLeft: await tokensLeftFor(actor.workspaceId, actor.userId) }),
    });
    return new Response(stream, {
      headers: { ...STREAM_HEADERS, "Content-Type": "application/x-ndjson; charset=utf-8" },
    });
  } catch (error) {
    return errorResponse(friendly(error));
  }
}

/** The pipeline's limits, said for a person rather than a program. */
function friendly(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.code === "quota_exceeded") {
    const date = quotaResetsAt().toLocaleDateString("en", { month: "long", day: "numeric", timeZone: "UTC" });
    return new AppError(error.code, `This workspace has used its tokens for the month. They renew on ${date}.`);
  }
  if (error.code === "rate_limited") {
    const wait = error.headers["Retry-After"] ?? "a few";
    return new AppError(
      error.code,
      `You're sending messages faster than your plan allows. Try again in ${wait} seconds.`,
      {},
      error.headers,
    );
  }
  return error;
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
