import { NextResponse } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { SearchQuery, searchConversations } from "@/lib/conversations/search";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";

/** `?q=`: titles and messages the actor can read that match, newest first. */
export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await requireActor();
    const query = SearchQuery.safeParse(new URL(request.url).searchParams.get("q") ?? "");
    if (!query.success) throw new AppError("invalid_request", query.error.issues[0]?.message ?? "Invalid query");
    return NextResponse.json(await searchConversations(actor, query.data));
  } catch (error) {
    return errorResponse(error);
  }
}
