/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Streaming answers must not be buffered or compressed by Next itself.
  compress: false,
  devIndicators: false,
  // Tokenizers with their vocabularies baked in (tens of MB once loaded): required by Node once
  // per process, instead of bundled into each route that counts tokens and loaded once per route.
  // prom-client likewise: one registry per process, shared by every route and scripts/server.ts.
  serverExternalPackages: ["llama3-tokenizer-js", "js-tiktoken", "prom-client"],
  // A second dev server in the same checkout (Next allows one per build folder) sets its own.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
