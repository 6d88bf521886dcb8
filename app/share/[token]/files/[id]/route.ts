import { downloadHeaders, snapshotFile } from "@/lib/files/access";
import { errorResponse } from "@/lib/http/errors";

/** A file of a public snapshot, for anyone holding the link; 404 once it is revoked. */
export async function GET(
  _request: Request,
  context: { params: Promise<{ token: string; id: string }> },
): Promise<Response> {
  try {
    const { token, id } = await context.params;
    const { file, bytes } = await snapshotFile(token, id);
    return new Response(bytes, { headers: downloadHeaders(file) });
  } catch (error) {
    return errorResponse(error);
  }
}
