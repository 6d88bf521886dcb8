import { parseChatApiBody } from "@/lib/api/chat-body";
import { chatApiError } from "@/lib/api/errors";
import { authenticateApiKey } from "@/lib/auth/api-keys";
import { startChat } from "@/lib/chat/pipeline";
import { followAnswer } from "@/lib/chat/runs/follow";
import { STREAM_HEADERS, streamAnswer, textOf } from "@/lib/chat/stream";
import { readBodyText } from "@/lib/http/body";
import { rateLimitHeaders } from "@/lib/usage/rate-limit";

/**
 * `POST /api/v1/chat` (seeds 000–002, 004): the public door into the chat pipeline. The answer
 * is plain text, streamed; a conversation is saved for the key's owner and its id returned in
 * `X-Conversation-Id`, so it can be continued with `conversation_id`.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const actor = await authenticateApiKey(request.headers.get("authorization"));
    const body = parseChatApiBody(await readBodyText(request));
    const run = await startChat({ actor, ...body, signal: request.signal });
    // A stream broken after the first byte ends abnormally, so no client takes it for whole.
    // Plain text: the answer's text only (this door's callers send no tools). A client that goes
    // away stops its answer (its usage is still recorded).
    const stream = streamAnswer(
      (signal) => followAnswer(run.answerId, { signal }),
      { delta: textOf, failAbnormally: true },
      run.generation.stop,
    );
    return new Response(stream, {
      headers: {
        ...STREAM_HEADERS,
        "Content-Type": "text/event-stream",
        "X-Conversation-Id": run.conversationId,
        ...rateLimitHeaders(run.rateLimit),
      },
    });
  } catch (error) {
    return chatApiError(error);
  }
}
