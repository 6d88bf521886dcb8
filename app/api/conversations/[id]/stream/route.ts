import { requireActor } from "@/lib/auth/session";
import { browserAnswer } from "@/lib/chat/browser-stream";
import { followableAnswer } from "@/lib/chat/runs/follow";
import { findConversation } from "@/lib/db/conversations";
import { notFound } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";

/**
 * Follow the conversation's answer while it is generated, on whichever instance it runs: the
 * text so far, then the rest, as POST /api/chat streams it. 204 when no answer is being
 * generated (or, without Redis, another instance runs it): the saved conversation is then all
 * there is.
 */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireActor();
    const { id } = await context.params;
    const answer = await followableAnswer(actor, id);
    if (!answer) return new Response(null, { status: 204 });
    const conversation = await findConversation(id);
    if (!conversation) throw notFound("Conversation not found");
    const { title, model } = conversation;
    return browserAnswer(actor, { ...answer, conversationId: id, title, model, messageIds: [] });
  } catch (error) {
    return errorResponse(error);
  }
}
