import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { SIDEBAR_PAGE_SIZE } from "@/lib/chat/conversations";
import { listConversations } from "@/lib/db/conversations";
import { errorResponse } from "@/lib/http/errors";

/** The sidebar's next pages: `?cursor=` from the previous page. */
export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await requireActor();
    const cursor = new URL(request.url).searchParams.get("cursor");
    const page = await listConversations({
      ownerId: actor.userId,
      workspaceId: actor.workspaceId,
      cursor,
      limit: SIDEBAR_PAGE_SIZE,
    });
    return NextResponse.json(page);
  } catch (error) {
    return errorResponse(error);
  }
}
