// The npm package as a user gets it: `npm pack`, install the tarball into an empty folder, run
// `hookscope serve` from there (nothing built on the spot), capture, read back, restart on the same data.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { ROOT_DIR } from "../helpers/db";
import { tempDir } from "../helpers/temp";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const work = tempDir("npm-package");
const installDir = path.join(work, "install");
const dataDir = path.join(work, "data");
const running: ChildProcess[] = [];
let tarball = "";

function npm(args: string[], cwd: string): string {
  const result = spawnSync(NPM, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  assert.equal(result.status, 0, `npm ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function hookscopeBin(): string {
  return path.join(installDir, "node_modules", ".bin", "hookscope");
}

function runCli(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(hookscopeBin(), args, { cwd: work, encoding: "utf8", env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `hookscope serve --port 0` and resolves with its origin once it logs where it listens. */
async function serve(): Promise<{ origin: string; child: ChildProcess; output: () => string; startedInMs: number }> {
  const started = Date.now();
  // No DATABASE_URL: --data is what decides where the data lives.
  const env = { ...process.env, DATABASE_URL: "", HOOKSCOPE_CONFIG: "" };
  const child = spawn(hookscopeBin(), ["serve", "--port", "0", "--host", "127.0.0.1", "--data", dataDir], {
    cwd: work,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  const origin = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`hookscope serve exited with ${code} before listening:\n${output}`)));
  });
  return { origin, child, output: () => output, startedInMs: Date.now() - started };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

before(() => {
  // prepack builds (or finds the build up to date); the tarball lands in its own folder.
  const packDir = path.join(work, "pack");
  mkdirSync(packDir);
  npm(["pack", "--pack-destination", packDir], ROOT_DIR);
  const files = readdirSync(packDir).filter((file) => file.endsWith(".tgz"));
  assert.equal(files.length, 1, `npm pack made ${files.join(", ")}`);
  tarball = path.join(packDir, files[0]!);
  mkdirSync(installDir);
  npm(["init", "-y"], installDir);
  npm(["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], installDir);
});

after(async () => {
  await Promise.all(running.map(stop));
});

test("the tarball carries the built app and nothing for tests or development", () => {
  const listing = JSON.parse(npm(["pack", "--dry-run", "--json", "--ignore-scripts"], ROOT_DIR)) as {
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  const pack = listing[0]!;
  const paths = pack.files.map((file) => file.path);
  for (const needed of [
    "dist/server.mjs",
    "dist/cli.mjs",
    "bin/hookscope.mjs",
    ".next/BUILD_ID",
    ".next/hookscope-externals.json",
    "scripts/link-next-externals.mjs",
  ]) {
    assert.ok(paths.includes(needed), `${needed} is in the package`);
  }
  assert.ok(
    paths.some((file) => file.startsWith("prisma/sqlite/migrations/")),
    "SQLite migrations are in the package",
  );
  assert.ok(
    paths.some((file) => file.startsWith("prisma/postgres/migrations/")),
    "PostgreSQL migrations are in the package",
  );
  const unwanted = paths.filter((file) => /^(tests|app|components|lib|server|cli)\/|^\.next\/(cache|dev)\/|\.map$|node_modules\//.test(file));
  assert.deepEqual(unwanted, [], "no sources, tests, build caches, source maps or node_modules");
  console.log(`package: ${(statSync(tarball).size / 1e6).toFixed(2)} MB packed, ${(pack.unpackedSize / 1e6).toFixed(1)} MB unpacked, ${paths.length} files`);
  assert.ok(statSync(tarball).size < 5e6, "the tarball stays under 5 MB");

  // Signature SDKs, test tools and build tools stay out of the install.
  for (const devOnly of ["stripe", "@playwright/test", "typescript", "esbuild", "tsx", "prisma", "eslint", "autocannon"]) {
    assert.ok(!existsSync(path.join(installDir, "node_modules", devOnly)), `${devOnly} is not installed with the package`);
  }
});

test("hookscope serve starts from the install, captures, and keeps the capture across a restart on the same --data", async () => {
  const first = await serve();
  console.log(`hookscope serve: listening ${first.startedInMs} ms after start (first start, migrations applied)`);
  assert.ok(existsSync(path.join(dataDir, "hookscope.db")), "the SQLite file is in the --data folder");
  assert.match(first.output(), new RegExp(`Data: ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));

  assert.equal(runCli(["healthcheck", "--url", first.origin]).status, 0, "healthcheck passes while it runs");
  const created = await fetch(`${first.origin}/api/bins`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  assert.equal(created.status, 201);
  const bin = (await created.json()) as { id: string; ownerToken: string };
  const body = `{"from":"the npm package","bytes":"\u00e9"}`;
  const captured = await fetch(`${first.origin}/h/${bin.id}/installed?x=1`, { method: "POST", headers: { "content-type": "application/json" }, body });
  assert.equal(captured.status, 200);
  const page = await fetch(`${first.origin}/bins/${bin.id}`);
  assert.equal(page.status, 200, "the inspector page renders from the packaged build");
  assert.match(await page.text(), /_next\/static\//);
  assert.equal(await stop(first.child), 0, "SIGTERM stops it cleanly");
  assert.equal(runCli(["healthcheck", "--url", first.origin, "--timeout", "2"]).status, 1, "healthcheck fails once it is down");

  const second = await serve();
  console.log(`hookscope serve: listening ${second.startedInMs} ms after start (second start)`);
  const listed = await fetch(`${second.origin}/api/bins/${bin.id}/requests`, { headers: { authorization: `Bearer ${bin.ownerToken}` } });
  assert.equal(listed.status, 200);
  const { requests } = (await listed.json()) as { requests: { id: string; path: string }[] };
  assert.equal(requests.length, 1, "the capture survived the restart");
  assert.equal(requests[0]!.path, "/installed");
  const raw = await fetch(`${second.origin}/api/bins/${bin.id}/requests/${requests[0]!.id}/raw`, { headers: { authorization: `Bearer ${bin.ownerToken}` } });
  assert.equal(Buffer.from(await raw.arrayBuffer()).toString("utf8"), body, "byte-exact body read back");
  assert.equal(await stop(second.child), 0);
});

test("the same install runs hookscope forward and explains bad serve options", () => {
  const version = runCli(["--version"]);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  const forwardHelp = runCli(["forward", "--help"]);
  assert.equal(forwardHelp.status, 0);
  assert.match(forwardHelp.stdout, /--to <url>/);
  const bad = runCli(["serve", "--port", "seventy"]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /--port must be a number/);
  const both = runCli(["serve", "--data", dataDir], { DATABASE_URL: "postgres://x@127.0.0.1/y" });
  assert.equal(both.status, 1);
  assert.match(both.stderr, /either --data .* or DATABASE_URL/);
});
