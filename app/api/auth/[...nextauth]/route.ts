import { handlers } from "@/lib/auth/config";
import { clientAddress, signInRetryAfter, tooManySignIns } from "@/lib/auth/sign-in-throttle";
import { errorResponse } from "@/lib/http/errors";

export const { GET } = handlers;

/**
 * Auth.js' own endpoints. A credentials sign-in past the failure limit is answered 429 with
 * Retry-After here, before Auth.js turns the refusal into a redirect to the sign-in page.
 */
export async function POST(request: Request): Promise<Response> {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = form?.get("email");
    const wait = typeof email === "string" ? await signInRetryAfter(email, clientAddress(request.headers)) : 0;
    if (wait > 0) return errorResponse(tooManySignIns(wait));
  }
  return handlers.POST(request as Parameters<typeof handlers.POST>[0]);
}
