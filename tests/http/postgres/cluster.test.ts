import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, CreatedBin, RequestDetail, RequestSummary, ServerToClientEvents } from "@/lib/shared/api-types";
import { authorized, createBin } from "../../helpers/http";
import { startServer, type RunningServer } from "../../helpers/server";
import { waitUntil } from "../../helpers/target";

// Two instances on one PostgreSQL database, as a team runs Hookscope behind a load balancer.
let a: RunningServer;
let b: RunningServer;
let bin: CreatedBin;
const sockets: Socket[] = [];

before(async () => {
  a = await startServer();
  b = await startServer({}, { databaseUrl: a.databaseUrl });
  bin = await createBin(a.url);
});
after(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await Promise.all([a?.stop(), b?.stop()]);
});

async function joinOn(server: RunningServer): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, { transports: ["websocket"], reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const ack = await socket.timeout(5000).emitWithAck("bin:join", { binId: bin.id, token: bin.ownerToken, after: null });
  assert.equal(ack.ok, true);
  return socket;
}

test("a request captured through A appears live, once, in an inspector connected to B", async () => {
  const onB = await joinOn(b);
  const onA = await joinOn(a);
  const seenOnB: RequestSummary[] = [];
  const seenOnA: RequestSummary[] = [];
  onB.on("request:new", (summary) => seenOnB.push(summary));
  onA.on("request:new", (summary) => seenOnA.push(summary));
  const response = await fetch(`${bin.captureUrl}/via-a`, { method: "POST", body: "hello cluster" });
  const id = response.headers.get("x-hookscope-request-id");
  await waitUntil(() => seenOnB.length > 0 && seenOnA.length > 0, 5000, "the event on both instances");
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(
    seenOnB.map((s) => s.id),
    [id],
  );
  assert.deepEqual(
    seenOnA.map((s) => s.id),
    [id],
  );
});

test("a schema set through A reaches an inspector connected to B (bin:schema-changed)", async () => {
  const onB = await joinOn(b);
  const seen: { binId: string; eventType: string; removed: boolean }[] = [];
  onB.on("bin:schema-changed", (payload) => seen.push(payload));
  const put = await fetch(`${a.url}/api/bins/${bin.id}/shapes/schema?eventType=cluster.test`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${bin.ownerToken}`, "Content-Type": "application/json" },
    body: '{"type":"object"}',
  });
  assert.equal(put.status, 200);
  await waitUntil(() => seen.length > 0, 5000, "the event on B");
  assert.deepEqual(seen, [{ binId: bin.id, eventType: "cluster.test", removed: false }]);
});

test("a setting changed through B applies to the next capture on A", async () => {
  const patched = await fetch(`${b.url}/api/bins/${bin.id}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${bin.ownerToken}` },
    body: JSON.stringify({ settings: { response: { status: 202, body: "from B's settings" } } }),
  });
  assert.equal(patched.status, 200);
  const response = await fetch(bin.captureUrl, { method: "POST" });
  assert.equal(response.status, 202);
  assert.equal(await response.text(), "from B's settings");
});

test("a wait call on B returns a request captured on A", async () => {
  const waiting = fetch(`${b.url}/api/bins/${bin.id}/requests/wait?bodyContains=cross-instance&timeout=10`, authorized(bin.ownerToken));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await fetch(bin.captureUrl, { method: "POST", body: "cross-instance" });
  const response = await waiting;
  assert.equal(response.status, 200);
  assert.equal(((await response.json()) as RequestDetail).bodyText, "cross-instance");
});

test("background work runs on one instance, and moves when that one stops", async () => {
  const leaderLine = "leader: this instance runs the background work";
  await waitUntil(() => a.output().includes(leaderLine) || b.output().includes(leaderLine), 8000, "an elected instance");
  assert.equal([a, b].filter((s) => s.output().includes(leaderLine)).length, 1, "exactly one leader");
  const third = await startServer({}, { databaseUrl: a.databaseUrl });
  try {
    const leader = a.output().includes(leaderLine) ? a : b;
    const follower = leader === a ? b : a;
    await leader.stop();
    await waitUntil(() => follower.output().includes(leaderLine) || third.output().includes(leaderLine), 12_000, "a new leader");
    assert.equal([follower, third].filter((s) => s.output().includes(leaderLine)).length, 1);
  } finally {
    await third.stop();
  }
});
