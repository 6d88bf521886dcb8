import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { stopRun } from "@/lib/chat/active-runs";
import { errorResponse } from "@/lib/http/errors";

/** Stop the conversation's answer: `{ stopped: false }` when nothing runs on this instance. */
export async function POST(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireActor();
    const { id } = await context.params;
    return NextResponse.json({ stopped: await stopRun(actor, id) });
  } catch (error) {
    return errorResponse(error);
  }
}
