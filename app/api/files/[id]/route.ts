import { currentActor } from "@/lib/auth/session";
import { downloadHeaders, readableFile } from "@/lib/files/access";
import { errorResponse } from "@/lib/http/errors";

/** The file's bytes, for whoever may read a message holding it (its uploader before it is sent); 404 otherwise, signed in or not. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await context.params;
    const { file, bytes } = await readableFile(await currentActor(), id);
    return new Response(bytes, { headers: downloadHeaders(file) });
  } catch (error) {
    return errorResponse(error);
  }
}
