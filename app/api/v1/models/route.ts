import { openAiError } from "@/lib/api/errors";
import { authenticateApiKey } from "@/lib/auth/api-keys";
import { listModels } from "@/lib/providers/registry";

/** `GET /api/v1/models`: every configured model, with its provider and prices per 1K tokens (seed 003). */
export async function GET(request: Request): Promise<Response> {
  try {
    await authenticateApiKey(request.headers.get("authorization"));
    return Response.json({
      object: "list",
      data: listModels().map((model) => ({
        id: model.id,
        object: "model",
        // Stable across restarts: clients cache model lists.
        created: 1_700_000_000,
        owned_by: model.provider,
        capabilities: ["chat", ...model.capabilities],
        pricing: model.pricing,
      })),
    });
  } catch (error) {
    return openAiError(error);
  }
}
