import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createBin } from "../../helpers/http";
import { startServer, type RunningServer } from "../../helpers/server";
import { waitUntil } from "../../helpers/target";

// Stops the shared PostgreSQL server: scripts/test.mjs runs this file alone, after everything else.
const version = readdirSync("/usr/lib/postgresql").sort().at(-1)!;
const cluster = (action: "stop" | "start") => execFileSync("pg_ctlcluster", [version, "main", action, ...(action === "stop" ? ["-m", "fast"] : [])], { stdio: "pipe" });

let server: RunningServer | undefined;
after(async () => {
  // Whatever happened above, leave PostgreSQL running for whoever comes next.
  if (!execFileSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" }).includes("online")) cluster("start");
  await server?.stop();
});

test("PostgreSQL restarted under a running app: capture answers 503 meanwhile, then recovers by itself", async () => {
  server = await startServer();
  const bin = await createBin(server.url);
  assert.equal((await fetch(bin.captureUrl, { method: "POST", body: "before" })).status, 200);

  cluster("stop");
  const during = await fetch(bin.captureUrl, { method: "POST", body: "during" });
  assert.equal(during.status, 503);
  assert.equal(((await during.json()) as { error: { code: string } }).error.code, "storage_unavailable");
  assert.equal((await fetch(`${server.url}/api/health`)).status, 503);
  assert.equal(server.child.exitCode, null, "the server is still running");

  cluster("start");
  const recovered = await waitUntil(async () => (await fetch(bin.captureUrl, { method: "POST", body: "after" })).status === 200, 30_000, "capture to recover");
  assert.ok(recovered);
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
});
