import { requireActor } from "@/lib/auth/session";
import { browserAnswer } from "@/lib/chat/browser-stream";
import { startChat } from "@/lib/chat/pipeline";
import { titleAfterFirstAnswer } from "@/lib/chat/title-generation";
import { BrowserChatBody, firstIssue } from "@/lib/chat/validation";
import { chatConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { newUserMessages } from "@/lib/files/attach";
import { readBodyJson } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/errors";
import { quotaResetsAt } from "@/lib/usage/quota";

/**
 * The browser's door into the chat pipeline (events: lib/chat/browser-stream.ts). The answer is
 * not tied to this request: closing the connection leaves it running for a grace period, in
 * which a reloaded page picks it up through GET /api/conversations/[id]/stream on any instance;
 * after that it stops and is saved as STOPPED (`CHAT_RECONNECT_GRACE_MS`).
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const actor = await requireActor();
    const body = BrowserChatBody.safeParse(await readBodyJson(request));
    if (!body.success) throw new AppError("invalid_request", firstIssue(body.error));
    const { content, fileIds, ...turn } = body.data;
    const run = await startChat({ actor, ...turn, messages: await newUserMessages(actor, content, fileIds) });
    run.generation.stopWhenUnreadFor(chatConfig().reconnectGraceMs);
    const generatedTitle = run.created ? titleAfterFirstAnswer(run, actor, content ?? "") : undefined;
    return browserAnswer(actor, { ...run, id: run.answerId, generatedTitle });
  } catch (error) {
    return errorResponse(friendly(error));
  }
}

/** The pipeline's limits, said for a person rather than a program. */
function friendly(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.code === "quota_exceeded") {
    const date = quotaResetsAt().toLocaleDateString("en", { month: "long", day: "numeric", timeZone: "UTC" });
    const left = Number(error.details.tokensLeft ?? 0);
    const spent =
      left > 0
        ? `This workspace has only ${left.toLocaleString("en")} tokens left this month, too few for an answer.`
        : "This workspace has used its tokens for the month.";
    return new AppError(error.code, `${spent} They renew on ${date}.`, { tokensLeft: left });
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
