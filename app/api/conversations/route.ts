import { NextResponse } from "next/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { sidebarPage } from "@/lib/conversations/sidebar";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";

const Cursor = z.string().min(1).max(200).nullable();

/** The sidebar's pages: without `?cursor=` the first (pinned ones included), else the next. */
export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await requireActor();
    const cursor = Cursor.safeParse(new URL(request.url).searchParams.get("cursor"));
    if (!cursor.success) throw new AppError("invalid_request", "Invalid cursor");
    return NextResponse.json(await sidebarPage(actor, cursor.data));
  } catch (error) {
    return errorResponse(error);
  }
}
