import { completionBody, completionChunks, parseCompletionRequest } from "@/lib/api/completions";
import { openAiError } from "@/lib/api/errors";
import { authenticateApiKey } from "@/lib/auth/api-keys";
import { startChat } from "@/lib/chat/pipeline";
import { followAnswer } from "@/lib/chat/runs/follow";
import { STREAM_HEADERS, streamAnswer } from "@/lib/chat/stream";
import { readBodyText } from "@/lib/http/body";
import { rateLimitHeaders } from "@/lib/usage/rate-limit";

/** `POST /api/v1/chat/completions`: OpenAI's API over the same pipeline, so SDKs work unchanged. */
export async function POST(request: Request): Promise<Response> {
  try {
    const actor = await authenticateApiKey(request.headers.get("authorization"));
    const { stream, includeUsage, ...body } = parseCompletionRequest(await readBodyText(request));
    const run = await startChat({ actor, ...body, signal: request.signal });
    const headers = { "X-Conversation-Id": run.conversationId, ...rateLimitHeaders(run.rateLimit) };
    if (stream) {
      const read = (signal: AbortSignal) => followAnswer(run.answerId, { signal });
      return new Response(streamAnswer(read, completionChunks(run, includeUsage), run.generation.stop), {
        headers: { ...STREAM_HEADERS, ...headers, "Content-Type": "text/event-stream" },
      });
    }
    return Response.json(completionBody(run, await run.finished), { headers });
  } catch (error) {
    return openAiError(error);
  }
}
