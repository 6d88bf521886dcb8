import type { z } from "zod";
import { openAiError } from "@/lib/api/errors";
import type { ModelList } from "@/lib/api/responses";
import { authenticateApiKey } from "@/lib/auth/api-keys";
import { chatConfig, providerName } from "@/lib/config";
import { priceOf } from "@/lib/usage/pricing";

/** `GET /api/v1/models`: the configured models, with prices per 1K tokens (seed 003). */
export async function GET(request: Request): Promise<Response> {
  try {
    await authenticateApiKey(request.headers.get("authorization"));
    const config = chatConfig();
    const owner = providerName(config);
    const list: z.input<typeof ModelList> = {
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
    };
    return Response.json(list);
  } catch (error) {
    return openAiError(error);
  }
}
