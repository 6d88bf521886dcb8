import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { stopAnswer } from "@/lib/chat/runs/follow";
import { errorResponse } from "@/lib/http/errors";

/** Stop the conversation's answer, on whichever instance runs it: `{ stopped: false }` when none runs. */
export async function POST(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireActor();
    const { id } = await context.params;
    return NextResponse.json({ stopped: await stopAnswer(actor, id) });
  } catch (error) {
    return errorResponse(error);
  }
}
