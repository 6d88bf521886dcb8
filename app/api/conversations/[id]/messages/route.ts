import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { messageWindow, WindowQuery } from "@/lib/chat/message-window";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";

/**
 * A window of a conversation's messages (lib/chat/message-window.ts): the newest ones, or
 * `?before=<id>` the ones before the oldest loaded, `&through=<id>` down to a message jumped to.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireActor();
    const { id } = await context.params;
    const params = new URL(request.url).searchParams;
    const query = WindowQuery.safeParse({
      before: params.get("before") ?? undefined,
      through: params.get("through") ?? undefined,
    });
    if (!query.success) throw new AppError("invalid_request", "Invalid message id");
    const { messages, leafId, hasOlder, unloadedTokens } = await messageWindow(actor, id, query.data);
    return NextResponse.json({ messages, leafId, hasOlder, unloadedTokens });
  } catch (error) {
    return errorResponse(error);
  }
}
