import { execFile, execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { promisify } from "node:util";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/shared/api-types";
import { createBin } from "../../helpers/http";
import { startServer, type RunningServer } from "../../helpers/server";
import { waitUntil } from "../../helpers/target";

// Stops the shared PostgreSQL server: scripts/test.mjs runs this file alone, after everything else.
// TEST_POSTGRES_CLUSTER names another cluster (the one TEST_POSTGRES_URL points at) to leave "main" alone.
const version = readdirSync("/usr/lib/postgresql").sort().at(-1)!;
const clusterName = process.env.TEST_POSTGRES_CLUSTER ?? "main";
// Asynchronous on purpose: a stop or start blocking this process's event loop for longer than the
// server's keep-alive timeout (5 s; a shutdown checkpoint on a loaded machine can take that long)
// left fetch a pooled connection the server had already closed, and the next capture failed with
// "other side closed" instead of getting its answer.
const cluster = async (action: "stop" | "start") =>
  void (await promisify(execFile)("pg_ctlcluster", [version, clusterName, action, ...(action === "stop" ? ["-m", "fast"] : [])]));
const online = () => execFileSync("pg_lsclusters", ["--no-header", version, clusterName], { encoding: "utf8" }).includes("online");

let server: RunningServer | undefined;
let other: RunningServer | undefined;
let socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
after(async () => {
  // Whatever happened above, leave PostgreSQL running for whoever comes next.
  if (!online()) await cluster("start");
  socket?.disconnect();
  await Promise.all([server?.stop(), other?.stop()]);
});

test("PostgreSQL restarted under a running app: capture answers 503 meanwhile, then recovers by itself", async () => {
  server = await startServer();
  // A second instance on the same data: live events between the two go through PostgreSQL too.
  other = await startServer({}, { databaseUrl: server.databaseUrl });
  const bin = await createBin(server.url);
  assert.equal((await fetch(bin.captureUrl, { method: "POST", body: "before" })).status, 200);

  await cluster("stop");
  const during = await fetch(bin.captureUrl, { method: "POST", body: "during" });
  assert.equal(during.status, 503);
  assert.equal(((await during.json()) as { error: { code: string } }).error.code, "storage_unavailable");
  assert.equal((await fetch(`${server.url}/api/health`)).status, 503);
  assert.equal(server.child.exitCode, null, "the server is still running");

  await cluster("start");
  const recovered = await waitUntil(async () => (await fetch(bin.captureUrl, { method: "POST", body: "after" })).status === 200, 30_000, "capture to recover");
  assert.ok(recovered);
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200);

  // The instances hear each other again: a capture on the first reaches an inspector on the second.
  const inspector: Socket<ServerToClientEvents, ClientToServerEvents> = (socket = io(other.url, { transports: ["websocket"], reconnection: false }));
  await new Promise<void>((resolve, reject) => {
    inspector.once("connect", () => resolve());
    inspector.once("connect_error", reject);
  });
  assert.equal((await inspector.timeout(5000).emitWithAck("bin:join", { binId: bin.id, token: bin.ownerToken, after: null })).ok, true);
  const relayed = () =>
    new Promise<boolean>((resolve) => {
      const arrived = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        inspector.off("request:new", arrived);
        resolve(false);
      }, 1000);
      inspector.once("request:new", arrived);
    });
  // The relay listens again once it has reconnected (within a few seconds): each try sends a capture and waits for it.
  await waitUntil(
    async () => {
      const arrival = relayed();
      assert.equal((await fetch(bin.captureUrl, { method: "POST", body: "relayed" })).status, 200);
      return arrival;
    },
    30_000,
    "a capture on one instance to show in an inspector on the other",
  );

  // Losing the database is expected and logged; it must not surface as an uncaught exception, nor
  // leave a dead connection that holds up the shutdown until it is forced.
  inspector.disconnect();
  await Promise.all([server.stop(), other.stop()]);
  for (const instance of [server, other]) {
    assert.doesNotMatch(instance.output(), /uncaught/i, instance.output());
    assert.equal(instance.child.exitCode, 0, `a clean shutdown:\n${instance.output()}`);
  }
});
