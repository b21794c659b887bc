// Event types, learnt shapes and drift over real HTTP, on the database the run is set to (SQLite by
// default, PostgreSQL with TEST_DB=postgres).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { ApiError, CreatedBin, RequestPage } from "@/lib/shared/api-types";
import { authorized, createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { ALL_SAMPLES, type WebhookSample } from "../helpers/webhook-samples";

let server: RunningServer;

before(async () => {
  server = await startServer();
});
after(async () => server?.stop());

async function send(bin: CreatedBin, sample: Pick<WebhookSample, "headers" | "body">): Promise<string> {
  const response = await fetch(bin.captureUrl, { method: "POST", headers: sample.headers, body: sample.body });
  assert.equal(response.status, 200, await response.clone().text());
  return response.headers.get("x-hookscope-request-id")!;
}

async function page(bin: CreatedBin, query = ""): Promise<RequestPage> {
  const response = await fetch(`${server.url}/api/bins/${bin.id}/requests?limit=200${query}`, authorized(bin.ownerToken));
  assert.equal(response.status, 200);
  return (await response.json()) as RequestPage;
}

async function patchSettings(bin: CreatedBin, token: string, settings: unknown): Promise<Response> {
  return fetch(`${server.url}/api/bins/${bin.id}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ settings }),
  });
}

test("each capture carries its event type, and the list filters on it", async () => {
  const bin = await createBin(server.url);
  const ids = new Map<string, string>();
  for (const sample of ALL_SAMPLES) ids.set(await send(bin, sample), sample.eventType);
  await send(bin, { headers: { "Content-Type": "text/plain" }, body: "hello" });
  const listed = await page(bin);
  assert.equal(listed.requests.length, ALL_SAMPLES.length + 1);
  for (const request of listed.requests) assert.equal(request.eventType, ids.get(request.id) ?? null, request.id);

  const opened = await page(bin, "&eventType=pull_request.opened");
  assert.deepEqual(
    opened.requests.map((r) => r.eventType),
    ["pull_request.opened", "pull_request.opened"],
  );
  assert.equal((await page(bin, "&eventType=orders%2Fcreate&method=POST")).requests.length, 2);
  assert.equal((await page(bin, "&eventType=nothing.like.it")).requests.length, 0);
});

test("a bin's type path names its own senders' events; a bad path is refused and only the owner sets it", async () => {
  const bin = await createBin(server.url);
  const body = { headers: { "Content-Type": "application/json" }, body: '{"meta":{"kind":"parcel.delivered"},"id":1}' };
  await send(bin, body);
  const bad = await patchSettings(bin, bin.ownerToken, { eventTypePath: "meta..kind" });
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as ApiError).error.message, /eventTypePath/);
  const shareToken = decodeURIComponent(bin.shareUrl.split("#share=")[1]!);
  assert.equal((await patchSettings(bin, shareToken, { eventTypePath: "meta.kind" })).status, 403);
  assert.equal((await patchSettings(bin, bin.ownerToken, { eventTypePath: "meta.kind" })).status, 200);
  await send(bin, body);
  assert.deepEqual(
    (await page(bin)).requests.map((r) => r.eventType),
    ["parcel.delivered", "untyped"],
    "set at capture: the earlier request keeps the type it was given",
  );
  assert.equal((await patchSettings(bin, bin.ownerToken, { eventTypePath: null })).status, 200);
});
