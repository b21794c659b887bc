import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, CreatedBin, JoinBinAck, RequestSummary, ServerToClientEvents } from "@/lib/shared/api-types";
import { createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";

// Black-box probes of the live feed: socket.io clients that try to join a bin with every kind of
// wrong token or malformed join, next to clients that join properly. A capture and a forwarder
// connecting must reach the proper ones, and nothing of the bin may reach the others.

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let server: RunningServer;
let bin: CreatedBin;
let otherBin: CreatedBin;
const sockets: ClientSocket[] = [];

before(async () => {
  server = await startServer();
  [bin, otherBin] = await Promise.all([createBin(server.url), createBin(server.url)]);
});
after(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await server?.stop();
});

const shareTokenOf = (created: CreatedBin) => decodeURIComponent(created.shareUrl.split("#share=")[1]!);

/** A connected client that records every event it receives, by name. */
async function connectRecording(): Promise<{ socket: ClientSocket; events: [string, unknown][] }> {
  const socket: ClientSocket = io(server.url, { transports: ["websocket"], reconnection: false });
  sockets.push(socket);
  const events: [string, unknown][] = [];
  socket.onAny((name: string, payload: unknown) => events.push([name, payload]));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return { socket, events };
}

/** Emits a raw bin:join, whatever its shape, and waits for the ack. */
function rawJoin(socket: ClientSocket, payload: unknown): Promise<JoinBinAck> {
  return (socket.timeout(5000) as unknown as { emitWithAck(event: string, payload: unknown): Promise<JoinBinAck> }).emitWithAck("bin:join", payload);
}

/**
 * A round trip on the connection: the server answers in order on each connection, so once the ack
 * is back, every event it sent this client before has arrived too.
 */
async function drain(socket: ClientSocket): Promise<void> {
  await rawJoin(socket, { binId: "drain", token: "drain" });
}

/** Resolves with the first event of that name whose payload passes the check. */
function nextEvent<T>(socket: ClientSocket, name: string, check: (payload: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const listener = (event: string, payload: T) => {
      if (event !== name || !check(payload)) return;
      socket.offAny(listener);
      resolve(payload);
    };
    socket.onAny(listener);
  });
}

const randomToken = () => randomBytes(32).toString("base64url");

test("joins with a wrong token or a malformed request are refused, and those clients get nothing of the bin", async () => {
  // Refused joins: what each sends, and the error code its ack carries.
  const refused: [string, unknown, string][] = [
    // Without a token the session decides (sign-in); this socket has none, so it is refused like a wrong token.
    ["no token and no session", { binId: bin.id, after: null }, "bin_not_found"],
    ["an empty token", { binId: bin.id, token: "", after: null }, "invalid_request"],
    ["a wrong owner token", { binId: bin.id, token: randomToken(), after: null }, "bin_not_found"],
    [
      "the owner token with one character changed",
      { binId: bin.id, token: `${bin.ownerToken.slice(0, -1)}${bin.ownerToken.endsWith("A") ? "B" : "A"}`, after: null },
      "bin_not_found",
    ],
    ["the owner token of another bin", { binId: bin.id, token: otherBin.ownerToken, after: null }, "bin_not_found"],
    ["the share token of another bin", { binId: bin.id, token: shareTokenOf(otherBin), after: null }, "bin_not_found"],
    ["the owner token with an unknown bin id", { binId: "nosuchbin0000000", token: bin.ownerToken, after: null }, "bin_not_found"],
    ["the owner token with a bin id that is not one", { binId: "../../h/x", token: bin.ownerToken, after: null }, "bin_not_found"],
    ["a bin id past the length limit", { binId: "b".repeat(65), token: bin.ownerToken, after: null }, "invalid_request"],
    ["a number for the token", { binId: bin.id, token: 12345, after: null }, "invalid_request"],
    ["an object for the token", { binId: bin.id, token: { toString: bin.ownerToken }, after: null }, "invalid_request"],
    ["an array for the token", { binId: bin.id, token: [bin.ownerToken], after: null }, "invalid_request"],
    ["a number for the bin id", { binId: 42, token: bin.ownerToken, after: null }, "invalid_request"],
    ["a token of 10,000 characters", { binId: bin.id, token: "t".repeat(10_000), after: null }, "invalid_request"],
    ["the owner token followed by padding", { binId: bin.id, token: `${bin.ownerToken}${" ".repeat(100)}`, after: null }, "bin_not_found"],
    ["a number for the last seen id", { binId: bin.id, token: bin.ownerToken, after: 7 }, "invalid_request"],
    ["null instead of a request", null, "invalid_request"],
    ["a string instead of a request", `{"binId":"${bin.id}","token":"${bin.ownerToken}"}`, "invalid_request"],
    ["an array instead of a request", [bin.id, bin.ownerToken], "invalid_request"],
  ];
  const probes = await Promise.all(
    refused.map(async ([name, payload, code]) => {
      const client = await connectRecording();
      const ack = await rawJoin(client.socket, payload);
      assert.equal(ack.ok, false, `${name}: refused`);
      assert.equal(!ack.ok && ack.error.code, code, `${name}: ${JSON.stringify(ack)}`);
      return { name, ...client };
    }),
  );

  // A client that joined the other bin properly, then tried this one with that bin's token.
  const neighbour = await connectRecording();
  assert.equal((await rawJoin(neighbour.socket, { binId: otherBin.id, token: otherBin.ownerToken, after: null })).ok, true);
  assert.equal((await rawJoin(neighbour.socket, { binId: bin.id, token: otherBin.ownerToken, after: null })).ok, false);
  probes.push({ name: "a member of the other bin", ...neighbour });

  // A join with the right token but no ack callback is not taken: the client could not learn the outcome.
  const noAck = await connectRecording();
  (noAck.socket as unknown as { emit(event: string, payload: unknown): void }).emit("bin:join", { binId: bin.id, token: bin.ownerToken, after: null });
  probes.push({ name: "a join without an ack", ...noAck });

  // A message past the server's size limit ends the connection.
  const oversized = await connectRecording();
  const closed = new Promise<string>((resolve) => oversized.socket.once("disconnect", resolve));
  oversized.socket.emit("bin:join", { binId: bin.id, token: "x".repeat(200_000), after: null } as never, () => undefined);
  assert.equal(await closed, "transport close");

  // The proper members: the owner, and a viewer through the share link (read-only, no owner events).
  const owner = await connectRecording();
  const viewer = await connectRecording();
  assert.equal((await rawJoin(owner.socket, { binId: bin.id, token: bin.ownerToken, after: null })).ok, true);
  assert.equal((await rawJoin(viewer.socket, { binId: bin.id, token: shareTokenOf(bin), after: null })).ok, true);

  // A capture: the members hear of it.
  const byOwner = nextEvent<RequestSummary>(owner.socket, "request:new", (s) => s.path === "/probe");
  const byViewer = nextEvent<RequestSummary>(viewer.socket, "request:new", (s) => s.path === "/probe");
  const captured = await fetch(`${bin.captureUrl}/probe`, { method: "POST", body: "for members only" });
  assert.equal(captured.status, 200);
  const id = captured.headers.get("x-hookscope-request-id");
  assert.equal((await byOwner).id, id);
  assert.equal((await byViewer).id, id);

  // A forwarder connecting: an owner-only event.
  const forwarderSeen = nextEvent<{ binId: string }>(owner.socket, "forwarders:changed", (p) => p.binId === bin.id);
  const stream = new AbortController();
  const opened = await fetch(`${server.url}/api/bins/${bin.id}/forwarders/probe/stream`, {
    headers: { Authorization: `Bearer ${bin.ownerToken}` },
    signal: stream.signal,
  });
  assert.equal(opened.status, 200);
  await forwarderSeen;
  stream.abort();
  await opened.body?.cancel().catch(() => undefined);

  // Everything the server sent before these round trips has arrived.
  await Promise.all([...probes.map((probe) => drain(probe.socket)), drain(viewer.socket)]);
  // Nothing at all: the only bin any of them belongs to (the neighbour's) had no activity.
  for (const probe of [...probes, { name: "the client cut off for size", ...oversized }]) {
    assert.deepEqual(
      probe.events.map(([name]) => name),
      [],
      `${probe.name}: received events`,
    );
  }
  const viewerEvents = viewer.events.map(([name]) => name);
  assert.ok(viewerEvents.includes("request:new"));
  assert.ok(
    !viewerEvents.includes("forwarders:changed") && !viewerEvents.includes("delivery:updated"),
    `the viewer got owner events: ${viewerEvents.join(", ")}`,
  );
  assert.equal(server.child.exitCode, null);
});
