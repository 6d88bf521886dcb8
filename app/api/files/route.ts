import { requireActor } from "@/lib/auth/session";
import { readUpload } from "@/lib/files/multipart";
import { uploadFile } from "@/lib/files/upload";
import { errorResponse } from "@/lib/http/errors";

/** One file per request (`multipart/form-data`, field `file`): 201 with the UploadedFile (lib/files/contract.ts). */
export async function POST(request: Request): Promise<Response> {
  try {
    const actor = await requireActor();
    const uploaded = await uploadFile(actor, await readUpload(request));
    return Response.json(uploaded, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
