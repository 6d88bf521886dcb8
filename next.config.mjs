/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Streaming answers must not be buffered or compressed by Next itself.
  compress: false,
  devIndicators: false,
};

export default nextConfig;
