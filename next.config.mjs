import { nextHeaderRules } from "./lib/http/static-headers.mjs";

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
  // Security headers of every response, static files included (shared with the lean API door).
  async headers() {
    return nextHeaderRules();
  },
};

export default nextConfig;
