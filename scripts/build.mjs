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
const bundle = { bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", absWorkingDir: root, logLevel: "warning" };
await build({ ...bundle, entryPoints: ["server/index.ts"], outfile: "dist/server.mjs" });
// `hookscope forward` (bin/hookscope.mjs): the same treatment, so it runs without tsx.
await build({ ...bundle, entryPoints: ["cli/index.ts"], outfile: "dist/cli.mjs" });
