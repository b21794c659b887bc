import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and wasm-backed packages stay plain Node requires instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/client", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // A separate build folder lets one checkout build and serve twice at once (parallel test runs).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Next checks the app's own code; `npm run typecheck` (part of npm test) covers tests and tools too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
