import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { exportConversation, exportConversationArchive } from "@/lib/conversations/export";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";

const Format = z.enum(["markdown", "json", "zip"], { error: "format must be markdown, json or zip" });

/** `?format=markdown|json|zip`: the conversation as a download. Not readable = 404. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireActor();
    const { id } = await context.params;
    const format = Format.safeParse(new URL(request.url).searchParams.get("format") ?? "markdown");
    if (!format.success) throw new AppError("invalid_request", format.error.issues[0]?.message ?? "Invalid format");
    // zip: the JSON with the conversation's files, importable back whole.
    const file =
      format.data === "zip"
        ? await exportConversationArchive(actor, id)
        : await exportConversation(actor, id, format.data);
    return new Response(file.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
