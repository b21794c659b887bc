// `npm test`: build once, run the unit and HTTP suites (node:test), then the browser suite
// (Playwright), and close with one line counting every test.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (args, env = {}) => spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;

// `node scripts/test.mjs unit` (npm run test:unit): the unit suites only, no build, no servers.
const unitOnly = process.argv.includes("unit");

if (!unitOnly) {
  if (run(["node_modules/eslint/bin/eslint.js", "."]) !== 0) {
    console.error("Lint errors: see above.");
    process.exit(1);
  }
  if (run(["node_modules/prettier/bin/prettier.cjs", "--check", "--log-level=warn", "."]) !== 0) {
    console.error("Files not formatted: run npm run format.");
    process.exit(1);
  }
  // The build skips itself when nothing it reads changed.
  if (process.env.HOOKSCOPE_SKIP_BUILD !== "1" && run(["scripts/build.mjs"]) !== 0) process.exit(1);
  if (run(["node_modules/typescript/bin/tsc", "--noEmit"]) !== 0) {
    console.error("Type errors: see above.");
    process.exit(1);
  }
}

mkdirSync(`${root}/.tmp`, { recursive: true });
// tests/unit and tests/http, plus unit tests colocated with the code as *.test.ts.
const testFiles = (dir) =>
  existsSync(`${root}/${dir}`)
    ? readdirSync(`${root}/${dir}`, { recursive: true })
        .map(String)
        .filter((file) => file.endsWith(".test.ts") || file.endsWith(".test.tsx"))
        .map((file) => `${dir}/${file}`)
        .sort()
    : [];
const postgresOnly = (file) => file.includes("/postgres/");
const sqliteSuites = (unitOnly ? ["tests/unit", "lib", "components"] : ["tests/unit", "tests/http", "lib", "components"])
  .flatMap(testFiles)
  .filter((file) => !postgresOnly(file));
// Durability files run on their own below; runNodeTests passes --test-concurrency=2 to the rest.
// The contract suites (everything that talks to the database through the app) run again on PostgreSQL.
const contractSuites = [
  ...testFiles("tests/http"),
  ...["capture", "batch-writer", "sweeper", "search-index"].map((name) => `tests/unit/${name}.test.ts`),
  ...testFiles("tests/unit/postgres"),
];

const totals = { pass: 0, fail: 0, skipped: 0 };
function runNodeTests(label, files, env = {}, concurrency = label.startsWith("durability") ? 1 : 2) {
  // node --test without files would go looking for tests everywhere.
  if (files.length === 0) return 0;
  const tapFile = `${root}/.tmp/node-tests-${label}.tap`;
  console.log(`\n== ${label}: ${files.length} test files ==`);
  const status = run(
    [
      "--import",
      "tsx",
      "--test",
      `--test-concurrency=${concurrency}`,
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      "--test-reporter=tap",
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    env,
  );
  const tap = existsSync(tapFile) ? readFileSync(tapFile, "utf8") : "";
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(tap)?.[1] ?? 0);
  totals.pass += count("pass");
  totals.fail += count("fail") + count("cancelled");
  totals.skipped += count("skipped") + count("todo");
  return status;
}

const sqliteStatus = runNodeTests("sqlite", sqliteSuites, { TEST_DB: "sqlite" });

// PostgreSQL: CI installs and starts it (.ci/run); elsewhere it runs when TEST_POSTGRES_URL is set.
let postgresStatus = 0;
if (unitOnly) {
  // The PostgreSQL contract and durability suites need a built server: npm test runs them.
} else if (process.env.TEST_POSTGRES_URL) {
  postgresStatus = runNodeTests("postgres", contractSuites, { TEST_DB: "postgres" });
} else if (process.env.CI) {
  console.error("CI must run the PostgreSQL contract suite: set TEST_POSTGRES_URL (.ci/run does).");
  postgresStatus = 1;
} else {
  console.log("\n== postgres: not run (set TEST_POSTGRES_URL=postgres://user:pass@127.0.0.1:5432/db to run the contract suite on PostgreSQL) ==");
}
// Durability: kills and restarts servers (and PostgreSQL itself), so it runs alone, one file at a time.
const durability = unitOnly ? [] : testFiles("tests/durability");
let durabilityStatus = runNodeTests(
  "durability-sqlite",
  durability.filter((file) => !postgresOnly(file)),
  { TEST_DB: "sqlite" },
);
if (process.env.TEST_POSTGRES_URL) {
  durabilityStatus ||= runNodeTests("durability-postgres", durability, { TEST_DB: "postgres" });
}
// Packaging: packs the npm package and installs it into an empty folder (a native module compiles), alone.
const packagingStatus = unitOnly ? 0 : runNodeTests("packaging", testFiles("tests/packaging"), {}, 1);
const nodeStatus = sqliteStatus || postgresStatus || durabilityStatus || packagingStatus;

const reportFile = `${root}/.tmp/playwright.json`;
const skipE2e = unitOnly || process.env.HOOKSCOPE_SKIP_E2E === "1";
const e2eStatus = skipE2e
  ? 0
  : run(["node_modules/@playwright/test/cli.js", "test", "--reporter=list,json"], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile,
      HOOKSCOPE_SKIP_BUILD: "1",
    });
let e2e = { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
if (!skipE2e) {
  try {
    e2e = JSON.parse(readFileSync(reportFile, "utf8")).stats;
  } catch {
    console.error("Playwright wrote no report.");
  }
}

const passed = totals.pass + e2e.expected + e2e.flaky;
const failed = totals.fail + e2e.unexpected;
const skipped = totals.skipped + e2e.skipped;
const ok = nodeStatus === 0 && e2eStatus === 0 && failed === 0 && passed > 0;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
