// `npm run test:file -- <file>...`: runs the given test files, whatever their kind. node:test files
// (*.test.ts) run with tsx, Playwright files (*.spec.ts, *.shots.ts) with Playwright; both build
// first when the app changed (skipped otherwise). TEST_DB=postgres works as for npm test.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("Usage: npm run test:file -- tests/http/capture.test.ts [tests/e2e/docs.spec.ts ...]");
  process.exit(2);
}
const run = (args, env = {}) => spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
const unit = (file) => /(^|\/)(tests\/unit|lib|components)\//.test(file);

const nodeFiles = files.filter((file) => /\.test\.tsx?$/.test(file));
const browserFiles = files.filter((file) => /\.(spec|shots)\.ts$/.test(file));
const unknown = files.filter((file) => !nodeFiles.includes(file) && !browserFiles.includes(file));
if (unknown.length) {
  console.error(`Not a test file (*.test.ts, *.spec.ts or *.shots.ts): ${unknown.join(", ")}`);
  process.exit(2);
}
// Unit files need no server; everything else talks to the built one.
if (!nodeFiles.every(unit) || browserFiles.length) {
  if (run(["scripts/build.mjs"]) !== 0) process.exit(1);
}
let status = 0;
if (nodeFiles.length) status ||= run(["--import", "tsx", "--test", ...nodeFiles]);
const shots = browserFiles.filter((file) => file.endsWith(".shots.ts"));
const specs = browserFiles.filter((file) => file.endsWith(".spec.ts"));
const playwright = (list, env) =>
  run(["node_modules/@playwright/test/cli.js", "test", ...list.map((file) => file.replace(/^tests\/(e2e|screenshots)\//, ""))], {
    HOOKSCOPE_SKIP_BUILD: "1",
    ...env,
  });
if (specs.length) status ||= playwright(specs, {});
if (shots.length) status ||= playwright(shots, { SCREENSHOTS: "1" });
process.exit(status);
