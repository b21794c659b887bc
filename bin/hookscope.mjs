#!/usr/bin/env node
// The `hookscope` command: runs the bundled CLI (dist/cli.mjs), which `npm run build` writes.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/cli.mjs", import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write("hookscope: dist/cli.mjs is missing: run npm run build first.\n");
  process.exit(1);
}
await import(bundle.href);
