// Builds everything `npm start` serves: the Prisma client, the Next app and the custom server bundle.
// Skipped when nothing it reads changed since the last build (`--force` builds anyway).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { EXTERNALS_MANIFEST } from "./link-next-externals.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (command, args, extraEnv = {}) => execFileSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...extraEnv } });

const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const INPUT_DIRS = ["app", "components", "lib", "server", "cli", "prisma", "public"];
const INPUT_FILES = [
  "next.config.ts",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "prisma.config.ts",
  "scripts/build.mjs",
  "scripts/prisma-generate.mjs",
];

/** A digest of every file the build reads, and of where it writes the Next app. */
function inputsDigest() {
  const hash = createHash("sha256").update(distDir);
  const files = [];
  const walk = (dir) => {
    if (!existsSync(path.join(root, dir))) return;
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (!entry.name.endsWith(".test.ts") && !entry.name.endsWith(".test.tsx")) files.push(relative);
    }
  };
  INPUT_DIRS.forEach(walk);
  for (const file of [...files.sort(), ...INPUT_FILES]) {
    const full = path.join(root, file);
    if (!existsSync(full) || !statSync(full).isFile()) continue;
    hash.update(file).update("\0").update(readFileSync(full)).update("\0");
  }
  return hash.digest("hex");
}

/** Turbopack's hashed links to server-external packages, as link name -> package name (see link-next-externals.mjs). */
function externalLinks(dir, prefix = "") {
  if (!existsSync(dir)) return {};
  const links = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const name = prefix + entry.name;
    if (entry.isSymbolicLink()) links[name] = readlinkSync(path.join(dir, entry.name)).split("node_modules/").pop();
    else if (entry.isDirectory()) Object.assign(links, externalLinks(path.join(dir, entry.name), `${name}/`));
  }
  return links;
}

const stamp = path.join(root, distDir, "hookscope-build-inputs");
const outputs = [stamp, path.join(root, distDir, "BUILD_ID"), path.join(root, "dist/server.mjs"), path.join(root, "dist/cli.mjs")];
const digest = inputsDigest();
if (!process.argv.includes("--force") && outputs.every((file) => existsSync(file)) && readFileSync(stamp, "utf8") === digest) {
  console.log(`Build is up to date (nothing under ${INPUT_DIRS.join(", ")} changed): skipped. npm run build -- --force rebuilds.`);
  process.exit(0);
}

run(process.execPath, ["scripts/prisma-generate.mjs"]);
run(process.execPath, ["node_modules/next/dist/bin/next", "build"], { NEXT_TELEMETRY_DISABLED: "1" });
writeFileSync(path.join(root, distDir, EXTERNALS_MANIFEST), JSON.stringify(externalLinks(path.join(root, distDir, "node_modules")), null, 2));
// The custom server is not compiled by Next: bundle it (aliases resolved, packages left external).
const bundle = { bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", absWorkingDir: root, logLevel: "warning" };
await build({ ...bundle, entryPoints: ["server/index.ts"], outfile: "dist/server.mjs" });
// `hookscope forward` (bin/hookscope.mjs): the same treatment, so it runs without tsx.
await build({ ...bundle, entryPoints: ["cli/index.ts"], outfile: "dist/cli.mjs" });
writeFileSync(stamp, digest);
