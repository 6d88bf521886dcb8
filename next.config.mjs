/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Streaming answers must not be buffered or compressed by Next itself.
  compress: false,
  devIndicators: false,
  // A second dev server in the same checkout (Next allows one per build folder) sets its own.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
