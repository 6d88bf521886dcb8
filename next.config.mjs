/**
 * Security headers of every response, static files included. Pages get their
 * Content-Security-Policy, with a fresh nonce, from proxy.ts (lib/http/security-headers.ts).
 */
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "X-Frame-Options", value: "DENY" },
];

/** Browsers keep to HTTPS once they have seen it served over HTTPS (here: behind a proxy saying so). */
const HSTS = { key: "Strict-Transport-Security", value: "max-age=31536000" };

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Streaming answers must not be buffered or compressed by Next itself.
  compress: false,
  devIndicators: false,
  // `npm test` type-checks the project in a step of its own, beside the build it makes.
  typescript: { ignoreBuildErrors: process.env.SPJ_BUILD_SKIP_TYPECHECK === "1" },
  // Tokenizers with their vocabularies baked in (tens of MB once loaded): required by Node once
  // per process, instead of bundled into each route that counts tokens and loaded once per route.
  // prom-client likewise: one registry per process, shared by every route and scripts/server.ts.
  // unpdf (PDF text for attachments) carries pdf.js, loaded by itself at run time.
  serverExternalPackages: ["llama3-tokenizer-js", "js-tiktoken", "prom-client", "unpdf"],
  // A second dev server in the same checkout (Next allows one per build folder) sets its own.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [HSTS],
      },
      // JSON and streams: nothing in them is ever run or framed.
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
