import { type NextRequest, NextResponse } from "next/server";

/**
 * What proxy.ts does for every page and API request: refuse what Next would answer with a 500
 * (a malformed percent-encoding in the path, a server action posted from another origin), and
 * give each page a Content-Security-Policy whose nonce Next puts on its own scripts. The
 * headers that never change (nosniff, Referrer-Policy, Permissions-Policy, HSTS behind HTTPS,
 * the API's CSP) are set for every response, static files included, from
 * lib/http/static-headers.mjs.
 */

/** Script only from this page's nonce (and what those scripts load); styles inline for KaTeX. */
export function pageCsp(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code; the production build never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const NONCE_HEADER = "x-nonce";

const refuse = (status: number, error: string) => NextResponse.json({ error }, { status });

function hasMalformedPath(request: NextRequest): boolean {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return false;
  } catch {
    return true;
  }
}

/** Next refuses these too, but with a 500: the same check, answered 403. */
function isForeignServerAction(request: NextRequest): boolean {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export function secureRequest(request: NextRequest): NextResponse {
  if (hasMalformedPath(request)) return refuse(400, "Malformed URL");
  if (isForeignServerAction(request)) return refuse(403, "Cross-origin request refused");
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = pageCsp(nonce);
  // Next reads the nonce for its scripts from the request's policy; the layout reads x-nonce.
  const headers = new Headers(request.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}
