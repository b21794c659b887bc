// `npm test`: build once, run the unit and HTTP suites (node:test), then the browser suite
// (Playwright), and close with one line counting every test.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (args, env = {}) =>
  spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;

if (process.env.HOOKSCOPE_SKIP_BUILD !== "1") {
  if (run(["scripts/build.mjs"]) !== 0) process.exit(1);
}

if (run(["node_modules/typescript/bin/tsc", "--noEmit"]) !== 0) {
  console.error("Type errors: see above.");
  process.exit(1);
}

mkdirSync(`${root}/.tmp`, { recursive: true });
// tests/unit and tests/http, plus unit tests colocated with the code as *.test.ts.
const suites = ["tests/unit", "tests/http", "lib", "components"].flatMap((dir) =>
  existsSync(`${root}/${dir}`)
    ? readdirSync(`${root}/${dir}`, { recursive: true })
        .map(String)
        .filter((file) => file.endsWith(".test.ts") || file.endsWith(".test.tsx"))
        .map((file) => `${dir}/${file}`)
        .sort()
    : [],
);
const tapFile = `${root}/.tmp/node-tests.tap`;
const nodeStatus = run([
  "--import",
  "tsx",
  "--test",
  "--test-concurrency=2",
  "--test-reporter=spec",
  "--test-reporter-destination=stdout",
  "--test-reporter=tap",
  `--test-reporter-destination=${tapFile}`,
  ...suites,
]);
const tap = readFileSync(tapFile, "utf8");
const tapCount = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(tap)?.[1] ?? 0);

const reportFile = `${root}/.tmp/playwright.json`;
const e2eStatus = run(["node_modules/@playwright/test/cli.js", "test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile,
  HOOKSCOPE_SKIP_BUILD: "1",
});
let e2e = { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
try {
  e2e = JSON.parse(readFileSync(reportFile, "utf8")).stats;
} catch {
  console.error("Playwright wrote no report.");
}

const passed = tapCount("pass") + e2e.expected + e2e.flaky;
const failed = tapCount("fail") + tapCount("cancelled") + e2e.unexpected;
const skipped = tapCount("skipped") + tapCount("todo") + e2e.skipped;
const ok = nodeStatus === 0 && e2eStatus === 0 && failed === 0 && passed > 0;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
