import type { z } from "zod";
import { parseChatApiBody } from "@/lib/api/chat-body";
import { completionBody, completionChunks, parseCompletionRequest } from "@/lib/api/completions";
import { chatApiError, openAiError } from "@/lib/api/errors";
import type { ModelList } from "@/lib/api/responses";
import { authenticateApiKey } from "@/lib/auth/api-keys";
import { startChat } from "@/lib/chat/pipeline";
import { followAnswer } from "@/lib/chat/runs/follow";
import { STREAM_HEADERS, streamAnswer, textOf } from "@/lib/chat/stream";
import { readBodyText } from "@/lib/http/body";
import { listModels } from "@/lib/providers/registry";
import { rateLimitHeaders } from "@/lib/usage/rate-limit";
import { type ApiAnswer, type ApiCall, type ApiDoor, jsonAnswer } from "./door";

/**
 * The public API's doors (app/api/v1/…/route.ts wraps each for Next; lib/api/lean-door.ts serves
 * them without Next in production). Nothing here may import Next: the lean door runs outside it.
 */

/**
 * `POST /api/v1/chat` (seeds 000–002, 004): the public door into the chat pipeline. The answer
 * is plain text, streamed; a conversation is saved for the key's owner and its id returned in
 * `X-Conversation-Id`, so it can be continued with `conversation_id`.
 */
export async function chatDoor(call: ApiCall): Promise<ApiAnswer> {
  try {
    const actor = await authenticateApiKey(call.authorization);
    const body = parseChatApiBody(await readBodyText(call.body));
    const run = await startChat({ actor, ...body, signal: call.signal });
    // A stream broken after the first byte ends abnormally, so no client takes it for whole.
    // Plain text: the answer's text only (this door's callers send no tools). A client that goes
    // away stops its answer (startChat's signal; its usage is still recorded).
    const stream = streamAnswer(
      (signal) => followAnswer(run.answerId, { signal }),
      { delta: textOf, failAbnormally: true },
      call.signal,
    );
    const headers = {
      ...STREAM_HEADERS,
      "Content-Type": "text/event-stream",
      "X-Conversation-Id": run.conversationId,
      ...rateLimitHeaders(run.rateLimit),
    };
    return { status: 200, headers, body: stream };
  } catch (error) {
    return chatApiError(error);
  }
}

/** `POST /api/v1/chat/completions`: OpenAI's API over the same pipeline, so SDKs work unchanged. */
export async function completionsDoor(call: ApiCall): Promise<ApiAnswer> {
  try {
    const actor = await authenticateApiKey(call.authorization);
    const { stream, includeUsage, ...body } = parseCompletionRequest(await readBodyText(call.body));
    const run = await startChat({ actor, ...body, signal: call.signal });
    const headers = { "X-Conversation-Id": run.conversationId, ...rateLimitHeaders(run.rateLimit) };
    if (stream) {
      const read = (signal: AbortSignal) => followAnswer(run.answerId, { signal });
      return {
        status: 200,
        headers: { ...STREAM_HEADERS, ...headers, "Content-Type": "text/event-stream" },
        body: streamAnswer(read, completionChunks(run, includeUsage), call.signal),
      };
    }
    return jsonAnswer(completionBody(run, await run.finished), 200, headers);
  } catch (error) {
    return openAiError(error);
  }
}

/** `GET /api/v1/models`: every configured model, with its provider and prices per 1K tokens (seed 003). */
export async function modelsDoor(call: ApiCall): Promise<ApiAnswer> {
  try {
    await authenticateApiKey(call.authorization);
    const list: z.input<typeof ModelList> = {
      object: "list",
      data: listModels().map((model) => ({
        id: model.id,
        object: "model",
        // Stable across restarts: clients cache model lists.
        created: 1_700_000_000,
        owned_by: model.provider,
        capabilities: ["chat", ...model.capabilities],
        pricing: model.pricing,
      })),
    };
    return jsonAnswer(list);
  } catch (error) {
    return openAiError(error);
  }
}

/** Each door by its label in lib/metrics.ts (`doorOf`, the one map from paths), with the method it serves. */
export const V1_DOORS: Readonly<Record<string, { method: string; door: ApiDoor }>> = {
  v1_chat: { method: "POST", door: chatDoor },
  v1_chat_completions: { method: "POST", door: completionsDoor },
  v1_models: { method: "GET", door: modelsDoor },
};
