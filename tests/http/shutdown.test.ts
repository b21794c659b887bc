import { connect } from "node:net";
import { test } from "node:test";
import assert from "node:assert/strict";
import type { RequestDetail } from "@/lib/shared/api-types";
import { authorized, createBin } from "../helpers/http";
import { startServer } from "../helpers/server";
import { waitUntil } from "../helpers/target";

test(
  "SIGTERM lets a capture in flight finish: its body still arrives, it is answered 200 and stored, and the server exits 0",
  { timeout: 60_000 },
  async () => {
    const server = await startServer();
    const bin = await createBin(server.url);
    const socket = connect(server.port, "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
    // Expect: 100-continue makes the server say when it has the request in hand: from then on it is in flight.
    socket.write(`POST /h/${bin.id}/in-flight HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`);
    await waitUntil(() => answer.includes("100 Continue"), 10_000, "100 Continue");
    socket.write("hello");

    const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
    server.child.kill("SIGTERM");
    await waitUntil(() => server.output().includes("SIGTERM: shutting down"), 10_000, "the shutdown to start");
    socket.write("world");
    await new Promise((resolve) => socket.once("close", resolve));
    assert.match(answer, /HTTP\/1\.1 200 OK/);
    const id = /x-hookscope-request-id: (\S+)/i.exec(answer)?.[1];
    assert.ok(id, answer);
    assert.equal(await exited, 0, server.output());

    const again = await startServer({}, { databaseUrl: server.databaseUrl });
    try {
      const stored = (await (await fetch(`${again.url}/api/bins/${bin.id}/requests/${id}`, authorized(bin.ownerToken))).json()) as RequestDetail;
      assert.equal(stored.bodyText, "helloworld");
      assert.equal(stored.path, "/in-flight");
    } finally {
      await again.stop();
    }
  },
);
