// Event types, learnt shapes and drift over real HTTP, on the database the run is set to (SQLite by
// default, PostgreSQL with TEST_DB=postgres).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ApiError, CreatedBin, EventShapeList, RequestDetail, RequestPage, ShapeChangeList, ShapeExport } from "@/lib/shared/api-types";
import { authorized, createBin, untilChecked } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { ALL_SAMPLES, SHOPIFY_SAMPLES, STRIPE_SAMPLES, type WebhookSample } from "../helpers/webhook-samples";

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

test("shapes are learnt per event type in the background; a changed field is flagged on the request and listed once", async () => {
  const bin = await createBin(server.url);
  for (const sample of [...STRIPE_SAMPLES, ...SHOPIFY_SAMPLES]) await send(bin, sample);
  const changed = JSON.parse(STRIPE_SAMPLES[0]!.body) as { id: string; data: { object: Record<string, unknown> } };
  changed.data.object.amount = "4900";
  const driftId = await send(bin, { headers: STRIPE_SAMPLES[0]!.headers, body: JSON.stringify(changed) });
  const again = await send(bin, { headers: STRIPE_SAMPLES[0]!.headers, body: JSON.stringify(changed) });
  await untilChecked(server.url, bin);

  const listed = new Map((await page(bin)).requests.map((r) => [r.id, r]));
  assert.equal(listed.get(driftId)!.shapeDrift, 1);
  assert.equal(listed.get(again)!.shapeDrift, 0, "the change is learnt: the next one like it is no news");
  const detail = (await (await fetch(`${server.url}/api/bins/${bin.id}/requests/${driftId}`, authorized(bin.ownerToken))).json()) as RequestDetail;
  assert.equal(detail.shapeChanges.length, 1);
  assert.equal(detail.shapeChanges[0]!.path, "data.object.amount");
  assert.equal(`${detail.shapeChanges[0]!.before} -> ${detail.shapeChanges[0]!.after}`, "integer -> string");
  const first = [...listed.values()].find((r) => r.eventType === "customer.created")!;
  assert.equal(first.shapeDrift, null);
  const firstDetail = (await (await fetch(`${server.url}/api/bins/${bin.id}/requests/${first.id}`, authorized(bin.ownerToken))).json()) as RequestDetail;
  assert.match(firstDetail.shapeNote ?? "", /first sample/);

  const viewer = decodeURIComponent(bin.shareUrl.split("#share=")[1]!);
  const shapes = (await (await fetch(`${server.url}/api/bins/${bin.id}/shapes`, authorized(viewer))).json()) as EventShapeList;
  const byType = new Map(shapes.shapes.map((s) => [s.eventType, s]));
  assert.equal(byType.get("charge.succeeded")!.samples, 4);
  assert.equal(byType.get("orders/create")!.samples, 2);
  // The second charge had no receipt email (null where a string was): a type change too, learnt then.
  assert.equal(byType.get("charge.succeeded")!.changes, 2);

  const changes = (await (await fetch(`${server.url}/api/bins/${bin.id}/shapes/changes`, authorized(viewer))).json()) as ShapeChangeList;
  assert.deepEqual(
    changes.changes.map((c) => [c.eventType, c.path, c.before, c.after]),
    [
      ["charge.succeeded", "data.object.amount", "integer", "string"],
      ["orders/create", "note", "null", "string"],
      ["charge.succeeded", "data.object.receipt_email", "string (email)", "null"],
    ],
    "newest first, each where it first appeared",
  );
  assert.equal(changes.changes[0]!.requestId, driftId);

  const exported = await fetch(
    `${server.url}/api/bins/${bin.id}/shapes/export?eventType=${encodeURIComponent("orders/create")}&format=json-schema`,
    authorized(viewer),
  );
  assert.equal(exported.status, 200);
  const file = (await exported.json()) as ShapeExport;
  assert.equal(file.fileName, "orders-create.schema.json");
  const ajv = new Ajv2020({ strict: true });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(file.content) as object);
  for (const sample of SHOPIFY_SAMPLES.filter((s) => s.eventType === "orders/create"))
    assert.ok(validate(JSON.parse(sample.body)), ajv.errorsText(validate.errors));
  const ts = (await (
    await fetch(`${server.url}/api/bins/${bin.id}/shapes/export?eventType=charge.succeeded&format=typescript`, authorized(viewer))
  ).json()) as ShapeExport;
  assert.match(ts.content, /export type ChargeSucceeded = \{/);
  assert.match(ts.content, /amount: number \| string;/);

  const unknown = await fetch(`${server.url}/api/bins/${bin.id}/shapes/export?eventType=nope&format=zod`, authorized(viewer));
  assert.equal(unknown.status, 404);
  assert.equal(((await unknown.json()) as ApiError).error.code, "shape_not_found");
  assert.equal((await fetch(`${server.url}/api/bins/${bin.id}/shapes/export?eventType=push&format=yaml`, authorized(viewer))).status, 400);
  assert.equal((await fetch(`${server.url}/api/bins/${bin.id}/shapes`)).status, 404, "no token, no shapes");
});

test("a JSON body over 256 KiB is stored with its type from headers and a note, not learnt", async () => {
  const bin = await createBin(server.url);
  const id = await send(bin, {
    headers: { "Content-Type": "application/json", "X-Shopify-Topic": "orders/create" },
    body: `{"pad":"${"x".repeat(300 * 1024)}"}`,
  });
  await untilChecked(server.url, bin);
  const detail = (await (await fetch(`${server.url}/api/bins/${bin.id}/requests/${id}`, authorized(bin.ownerToken))).json()) as RequestDetail;
  assert.equal(detail.eventType, "orders/create");
  assert.equal(detail.shapeDrift, null);
  assert.match(detail.shapeNote ?? "", /over 256 KiB/);
  assert.deepEqual(((await (await fetch(`${server.url}/api/bins/${bin.id}/shapes`, authorized(bin.ownerToken))).json()) as EventShapeList).shapes, []);
});

test("a shape outlives a restart: the learner goes on from where it was", { timeout: 60_000 }, async () => {
  const first = await startServer();
  let second: RunningServer | undefined;
  try {
    const created = await fetch(`${first.url}/api/bins`, { method: "POST" });
    const bin = (await created.json()) as CreatedBin;
    const captureOn = (base: string, sample: WebhookSample) =>
      fetch(`${base}/h/${bin.id}`, { method: "POST", headers: sample.headers, body: sample.body }).then((r) => assert.equal(r.status, 200));
    await captureOn(first.url, STRIPE_SAMPLES[0]!);
    await untilChecked(first.url, bin);
    await first.stop();
    second = await startServer({}, { databaseUrl: first.databaseUrl });
    await captureOn(second.url, STRIPE_SAMPLES[1]!);
    await untilChecked(second.url, bin);
    const shapes = (await (await fetch(`${second.url}/api/bins/${bin.id}/shapes`, authorized(bin.ownerToken))).json()) as EventShapeList;
    assert.equal(shapes.shapes.find((s) => s.eventType === "charge.succeeded")?.samples, 2);
  } finally {
    await second?.stop();
    await first.stop();
  }
});
