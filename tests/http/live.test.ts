import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, CreatedBin, JoinBinAck, RequestSummary, ServerToClientEvents } from "@/lib/shared/api-types";
import { createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let server: RunningServer;
let bin: CreatedBin;
const sockets: ClientSocket[] = [];

before(async () => {
  server = await startServer();
  bin = await createBin(server.url);
});
after(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await server?.stop();
});

async function connectSocket(): Promise<ClientSocket> {
  const socket: ClientSocket = io(server.url, { transports: ["websocket"], reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

function join(socket: ClientSocket, token: string, afterId?: string): Promise<JoinBinAck> {
  return socket.timeout(5000).emitWithAck("bin:join", { binId: bin.id, token, after: afterId ?? null });
}

test("a joined client gets the summary of each new request, without the body, fast", async () => {
  const socket = await connectSocket();
  assert.deepEqual(await join(socket, bin.ownerToken), { ok: true, missed: [], truncated: false });
  const latencies: number[] = [];
  for (let i = 0; i < 20; i++) {
    const arrived = new Promise<{ summary: RequestSummary; at: number }>((resolve) =>
      socket.once("request:new", (summary) => resolve({ summary, at: performance.now() })),
    );
    const sentAt = performance.now();
    const response = await fetch(`${bin.captureUrl}/live/${i}`, { method: "POST", body: "secret body" });
    const { summary, at } = await arrived;
    assert.equal(summary.id, response.headers.get("x-hookscope-request-id"));
    assert.equal(summary.path, `/live/${i}`);
    assert.equal(JSON.stringify(summary).includes("secret body"), false);
    latencies.push(at - sentAt);
  }
  latencies.sort((a, b) => a - b);
  // Generous on purpose: this is a correctness check, the benchmark measures latency properly.
  assert.ok(latencies[Math.floor(latencies.length / 2)]! < 100, `median capture-to-event ${latencies.join(",")}`);
});

test("the share token joins read-only and sees new requests", async () => {
  const socket = await connectSocket();
  const shareToken = decodeURIComponent(bin.shareUrl.split("#share=")[1]!);
  assert.equal((await join(socket, shareToken)).ok, true);
  const arrived = new Promise<RequestSummary>((resolve) => socket.once("request:new", resolve));
  await fetch(`${bin.captureUrl}/shared`, { method: "PUT", body: "y" });
  assert.equal((await arrived).path, "/shared");
});

test("re-joining with the last seen id returns exactly what was missed, oldest first", async () => {
  const socket = await connectSocket();
  const first = await fetch(`${bin.captureUrl}/before-drop`, { method: "POST" });
  const lastSeen = first.headers.get("x-hookscope-request-id")!;
  const missedIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const response = await fetch(`${bin.captureUrl}/while-away/${i}`, { method: "POST" });
    missedIds.push(response.headers.get("x-hookscope-request-id")!);
  }
  const ack = await join(socket, bin.ownerToken, lastSeen);
  assert.ok(ack.ok);
  assert.deepEqual(
    ack.missed.map((r) => r.id),
    missedIds,
  );
  assert.equal(ack.truncated, false);
});

test("malformed join payloads are refused, not crashing the server", async () => {
  const socket = await connectSocket();
  const ack = (await socket.timeout(5000).emitWithAck("bin:join", { nonsense: true } as never)) as JoinBinAck;
  assert.equal(ack.ok, false);
  const health = await fetch(`${server.url}/api/health`);
  assert.equal(health.status, 200);
});
