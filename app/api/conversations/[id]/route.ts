import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { readableConversation } from "@/lib/chat/conversations";
import { errorResponse } from "@/lib/http/errors";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireActor();
    const { id } = await context.params;
    return NextResponse.json(await readableConversation(actor, id));
  } catch (error) {
    return errorResponse(error);
  }
}
