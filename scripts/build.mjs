// Builds everything `npm start` serves: the Prisma client, the Next app and the custom server bundle.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (command, args, extraEnv = {}) =>
  execFileSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...extraEnv } });

run(process.execPath, ["scripts/prisma-generate.mjs"]);
run(process.execPath, ["node_modules/next/dist/bin/next", "build"], { NEXT_TELEMETRY_DISABLED: "1" });
// The custom server is not compiled by Next: bundle it (aliases resolved, packages left external).
await build({
  entryPoints: ["server/index.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outfile: "dist/server.mjs",
  absWorkingDir: root,
  logLevel: "warning",
});
