import { createHmac } from "node:crypto";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { CreatedBin, RequestDetail } from "@/lib/shared/api-types";
import { authorized, createBin, sendRaw } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
before(async () => {
  server = await startServer();
});
after(async () => server?.stop());

const detailOf = async (bin: CreatedBin, id: string) =>
  (await (await fetch(`${server.url}/api/bins/${bin.id}/requests/${id}`, authorized(bin.ownerToken))).json()) as RequestDetail;

test("1,500 headers are stored, every one in order, with the 200", async () => {
  const bin = await createBin(server.url);
  // Short lines: 1,500 of them stay within Node's 16 KiB header limit, which is what bounds a request.
  const headers = Array.from({ length: 1500 }, (_, i) => `x${i.toString(36)}: ${i % 10}`);
  const answer = await sendRaw(
    server.port,
    `POST /h/${bin.id} HTTP/1.1\r\nHost: x\r\n${headers.join("\r\n")}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
  );
  assert.equal(answer.status, 200);
  const id = /x-hookscope-request-id: (\S+)/i.exec(answer.head)![1]!;
  const stored = await detailOf(bin, id);
  const names = stored.headers.map(([name]) => name);
  assert.equal(names.length, 1503);
  assert.deepEqual(
    names.slice(1, 1501),
    headers.map((line) => line.slice(0, line.indexOf(":"))),
  );
  assert.deepEqual(names.slice(-2), ["Content-Length", "Connection"]);
});

test("a body nested 100,000 deep is stored, gets a verdict, makes jsonPath waits answer 408 rather than 500, and later waits still work", async () => {
  const bin = await createBin(server.url);
  const secret = "github-secret-for-the-deep-body";
  await fetch(`${server.url}/api/bins/${bin.id}/secrets`, {
    method: "POST",
    headers: { ...authorized(bin.ownerToken).headers, "Content-Type": "application/json" },
    body: JSON.stringify({ scheme: "github", secret }),
  });
  const deep = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
  const other = createHmac("sha256", "not-the-secret").update(deep).digest("hex");
  const [hostile, neighbour] = await Promise.all([
    fetch(bin.captureUrl, {
      method: "POST",
      body: deep,
      headers: { "Content-Type": "application/json", "X-GitHub-Event": "push", "X-Hub-Signature-256": `sha256=${other}` },
    }),
    // Captured in the same moment for another bin: it shares the group commit and must not fail with it.
    createBin(server.url).then((another) => fetch(another.captureUrl, { method: "POST", body: "{}" })),
  ]);
  assert.equal(hostile.status, 200);
  assert.equal(neighbour.status, 200);
  const id = hostile.headers.get("x-hookscope-request-id")!;
  const stored = await detailOf(bin, id);
  assert.equal(stored.bodySize, deep.length);
  assert.equal(stored.signature, "mismatch");

  const wait = (query: string) => fetch(`${server.url}/api/bins/${bin.id}/requests/wait?${query}`, authorized(bin.ownerToken));
  for (const path of ["a", "a.a.a", "b"]) {
    const answer = await wait(`jsonPath=${path}&jsonEquals=%7B%7D&timeout=1`);
    assert.equal(answer.status, 408, `jsonPath=${path}: ${await answer.text()}`);
  }
  const waiting = wait(`jsonPath=kind&jsonEquals=%22later%22&timeout=20`);
  const later = await fetch(bin.captureUrl, { method: "POST", body: '{"kind":"later"}', headers: { "Content-Type": "application/json" } });
  const found = await waiting;
  assert.equal(found.status, 200);
  assert.equal(((await found.json()) as RequestDetail).id, later.headers.get("x-hookscope-request-id"));
});
