import { requireActor } from "@/lib/auth/session";
import { exportAllConversations } from "@/lib/conversations/export-all";
import { errorResponse } from "@/lib/http/errors";

/** Every conversation of the signed-in user in the workspace they act in, as one zip download. */
export async function GET(): Promise<Response> {
  try {
    const { filename, stream } = await exportAllConversations(await requireActor());
    return new Response(stream, {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
