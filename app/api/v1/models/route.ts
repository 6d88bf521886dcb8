import { openAiError } from "@/lib/api/errors";
import { authenticateApiKey } from "@/lib/auth/api-keys";
import { chatConfig, providerName } from "@/lib/config";
import { priceOf } from "@/lib/usage/pricing";

/** `GET /api/v1/models`: the configured models, with prices per 1K tokens (seed 003). */
export async function GET(request: Request): Promise<Response> {
  try {
    await authenticateApiKey(request.headers.get("authorization"));
    const config = chatConfig();
    const owner = providerName(config);
    return Response.json({
      object: "list",
      data: config.models.map((id) => ({
        id,
        object: "model",
        // Stable across restarts: clients cache model lists.
        created: 1_700_000_000,
        owned_by: owner,
        capabilities: ["chat"],
        pricing: priceOf(id),
      })),
    });
  } catch (error) {
    return openAiError(error);
  }
}
