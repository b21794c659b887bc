import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and wasm-backed packages stay plain Node requires instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/client"],
  poweredByHeader: false,
};

export default nextConfig;
