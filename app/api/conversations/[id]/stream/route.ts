import { requireActor } from "@/lib/auth/session";
import { followableRun } from "@/lib/chat/active-runs";
import { browserAnswer } from "@/lib/chat/browser-stream";
import { errorResponse } from "@/lib/http/errors";

/**
 * Follow the conversation's answer while it is generated: the text so far, then the rest, as
 * POST /api/chat streams it. 204 when no answer is being generated on this instance (it has
 * finished, or another instance runs it): the saved conversation is then all there is.
 */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireActor();
    const { id } = await context.params;
    const live = await followableRun(actor, id);
    return live ? browserAnswer(actor, live, []) : new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
