/**
 * The headers that never change, from one list: next.config.mjs gives them to every response
 * Next serves (static files included), and the lean API door (lib/api/lean-door.ts) to the
 * responses it serves without Next. Pages get their Content-Security-Policy, with a fresh nonce,
 * from proxy.ts (lib/http/security-headers.ts). Plain JavaScript: next.config.mjs imports it.
 */

/** @typedef {{ key: string, value: string }} StaticHeader */
/** @typedef {{ under: string, behindHttps?: boolean, headers: StaticHeader[] }} StaticHeaderRule */

/** @type {StaticHeaderRule[]} */
const RULES = [
  {
    under: "/",
    headers: [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
      { key: "X-Frame-Options", value: "DENY" },
    ],
  },
  // Browsers keep to HTTPS once they have seen it served over HTTPS (here: behind a proxy saying so).
  { under: "/", behindHttps: true, headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000" }] },
  // JSON and streams: nothing in them is ever run or framed.
  { under: "/api", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
];

/** The rules in the shape of next.config.mjs `headers()`. */
export function nextHeaderRules() {
  return RULES.map((rule) => ({
    source: rule.under === "/" ? "/:path*" : `${rule.under}/:path*`,
    ...(rule.behindHttps ? { has: [{ type: "header", key: "x-forwarded-proto", value: "https" }] } : {}),
    headers: rule.headers,
  }));
}

/**
 * The headers of a response to `path`, in Next's order. `forwardedProto` is the request's
 * X-Forwarded-Proto: Next matches `has` values whole, so only exactly "https" counts.
 * @param {string} path
 * @param {string | undefined} forwardedProto
 * @returns {StaticHeader[]}
 */
export function staticHeadersFor(path, forwardedProto) {
  const applies = (/** @type {StaticHeaderRule} */ rule) =>
    (rule.under === "/" || path === rule.under || path.startsWith(`${rule.under}/`)) &&
    (!rule.behindHttps || forwardedProto === "https");
  return RULES.filter(applies).flatMap((rule) => rule.headers);
}
