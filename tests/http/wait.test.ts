import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { ApiError, CreatedBin, RequestDetail } from "@/lib/shared/api-types";
import { authorized, createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
let bin: CreatedBin;

before(async () => {
  server = await startServer();
  bin = await createBin(server.url);
});
after(async () => server?.stop());

function wait(query: string): Promise<Response> {
  return fetch(`${server.url}/api/bins/${bin.id}/requests/wait?${query}`, authorized(bin.ownerToken));
}

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${bin.captureUrl}${path}`, { method: "POST", body, headers: { "Content-Type": "application/json", ...headers } });

test("returns a matching request that arrives before the timeout, ignoring others", async () => {
  const waiting = wait("method=POST&path=/orders/*&jsonPath=data.status&jsonEquals=%22paid%22&timeout=10");
  await new Promise((resolve) => setTimeout(resolve, 200));
  await post("/orders/1", JSON.stringify({ data: { status: "pending" } }));
  await post("/other", JSON.stringify({ data: { status: "paid" } }));
  const sent = await post("/orders/2", JSON.stringify({ data: { status: "paid" } }));
  const response = await waiting;
  assert.equal(response.status, 200);
  const found = (await response.json()) as RequestDetail;
  assert.equal(found.id, sent.headers.get("x-hookscope-request-id"));
  assert.equal(found.path, "/orders/2");
});

test("with a cursor, finds a match that arrived before the call", async () => {
  const first = await post("/cursor", "{}");
  const cursor = first.headers.get("x-hookscope-request-id")!;
  const target = await post("/cursor", "{}", { "X-Event": "invoice.paid" });
  const response = await wait(`after=${cursor}&header=x-event&headerValue=invoice.paid&timeout=1`);
  assert.equal(response.status, 200);
  assert.equal(((await response.json()) as RequestDetail).id, target.headers.get("x-hookscope-request-id"));
});

test("answers 408 when the match arrives only after the timeout", async () => {
  const started = Date.now();
  const response = await wait("bodyContains=never-sent&timeout=1");
  assert.equal(response.status, 408);
  assert.equal(((await response.json()) as ApiError).error.code, "wait_timeout");
  assert.ok(Date.now() - started >= 900);
  await post("/late", "never-sent");
});

test("many concurrent waiters each get their own match", async () => {
  const waiters = Array.from({ length: 40 }, (_, i) => wait(`bodyContains=token-${i}-end&timeout=20`));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const sent = await Promise.all(Array.from({ length: 40 }, (_, i) => post(`/many/${i}`, `{"t":"token-${i}-end"}`)));
  const found = await Promise.all(waiters.map(async (w) => ((await (await w).json()) as RequestDetail).id));
  assert.deepEqual(
    found,
    sent.map((s) => s.headers.get("x-hookscope-request-id")),
  );
});

test("refuses bad filters and needs a token", async () => {
  assert.equal((await wait("timeout=61")).status, 400);
  assert.equal((await wait("headerValue=x")).status, 400);
  assert.equal((await wait("jsonPath=a.b")).status, 400);
  const anonymous = await fetch(`${server.url}/api/bins/${bin.id}/requests/wait?timeout=1`);
  assert.equal(anonymous.status, 404);
});
