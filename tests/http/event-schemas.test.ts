// Owner-supplied JSON Schemas per event type over real HTTP, on the database the run is set to (SQLite
// by default, PostgreSQL with TEST_DB=postgres): upload, pass and fail at capture with the failing
// paths, older requests checked when read, refusals (422, 413, 403), replace and delete.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { ApiError, CreatedBin, EventShapeList, OwnerSchema, RequestDetail, RequestPage } from "@/lib/shared/api-types";
import { authorized, createBin, untilChecked } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { STRIPE_SAMPLES } from "../helpers/webhook-samples";

let server: RunningServer;

before(async () => {
  server = await startServer();
});
after(async () => server?.stop());

const CHARGE = STRIPE_SAMPLES[0]!;
const TYPE = "charge.succeeded";

/** What the owner says a charge.succeeded event is: an integer amount and a three-letter currency. */
const CHARGE_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["type", "data"],
  properties: {
    type: { const: TYPE },
    data: {
      type: "object",
      required: ["object"],
      properties: {
        object: {
          type: "object",
          required: ["amount", "currency"],
          properties: { amount: { type: "integer", minimum: 0 }, currency: { type: "string", pattern: "^[a-z]{3}$" } },
        },
      },
    },
  },
};

const schemaUrl = (bin: CreatedBin, eventType = TYPE) => `${server.url}/api/bins/${bin.id}/shapes/schema?eventType=${encodeURIComponent(eventType)}`;
const viewerToken = (bin: CreatedBin) => decodeURIComponent(bin.shareUrl.split("#share=")[1]!);

function putSchema(bin: CreatedBin, body: string, token = bin.ownerToken, eventType = TYPE): Promise<Response> {
  return fetch(schemaUrl(bin, eventType), { method: "PUT", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body });
}

async function send(bin: CreatedBin, body: string): Promise<string> {
  const response = await fetch(bin.captureUrl, { method: "POST", headers: CHARGE.headers, body });
  assert.equal(response.status, 200, await response.clone().text());
  return response.headers.get("x-hookscope-request-id")!;
}

function charge(change: (object: Record<string, unknown>) => void): string {
  const event = JSON.parse(CHARGE.body) as { data: { object: Record<string, unknown> } };
  change(event.data.object);
  return JSON.stringify(event);
}

async function detail(bin: CreatedBin, id: string): Promise<RequestDetail> {
  const response = await fetch(`${server.url}/api/bins/${bin.id}/requests/${id}`, authorized(bin.ownerToken));
  assert.equal(response.status, 200);
  return (await response.json()) as RequestDetail;
}

async function listed(bin: CreatedBin, query = ""): Promise<Map<string, RequestPage["requests"][number]>> {
  const response = await fetch(`${server.url}/api/bins/${bin.id}/requests?limit=200${query}`, authorized(bin.ownerToken));
  assert.equal(response.status, 200);
  return new Map(((await response.json()) as RequestPage).requests.map((r) => [r.id, r]));
}

async function refusal(response: Response, status: number): Promise<string> {
  assert.equal(response.status, status);
  return ((await response.json()) as ApiError).error.message;
}

test("an uploaded schema checks each new request of its type in the background: pass, fail with the exact failing paths, and the older ones too", async () => {
  const bin = await createBin(server.url);
  const before = await send(
    bin,
    charge((object) => (object.amount = "49.00")),
  );

  const put = await putSchema(bin, JSON.stringify(CHARGE_SCHEMA));
  assert.equal(put.status, 200, await put.clone().text());
  const stored = (await put.json()) as OwnerSchema;
  assert.equal(stored.version, 1);
  assert.equal(stored.draft, "2020-12");
  const read = await fetch(schemaUrl(bin), authorized(viewerToken(bin)));
  assert.equal(read.status, 200, "anyone who reads the bin reads its schemas");
  assert.deepEqual(JSON.parse(((await read.json()) as OwnerSchema).schema), CHARGE_SCHEMA);

  const passing = await send(bin, CHARGE.body);
  const failing = await send(
    bin,
    charge((object) => {
      object.amount = "49.00";
      object.currency = "EURO";
    }),
  );
  await untilChecked(server.url, bin);
  const rows = await listed(bin);
  assert.equal(rows.get(passing)!.schemaResult, "pass");
  assert.equal(rows.get(failing)!.schemaResult, "fail");
  assert.equal(rows.get(before)!.schemaResult, "fail", "captured before the schema: re-checked in the background once it was set");

  const failed = await detail(bin, failing);
  assert.deepEqual(failed.schemaCheck, {
    result: "fail",
    failures: [
      { instancePath: "/data/object/amount", message: "must be integer" },
      { instancePath: "/data/object/currency", message: 'must match pattern "^[a-z]{3}$"' },
    ],
    failureCount: 2,
    note: null,
    evaluated: "capture",
    schemaVersion: 1,
  });
  assert.equal((await detail(bin, passing)).schemaCheck?.result, "pass");
  const older = (await detail(bin, before)).schemaCheck;
  assert.equal(older?.result, "fail");
  assert.deepEqual(older?.failures, [{ instancePath: "/data/object/amount", message: "must be integer" }]);

  assert.deepEqual([...(await listed(bin, "&schemaResult=fail")).keys()], [failing, before]);
  const shapes = (await (await fetch(`${server.url}/api/bins/${bin.id}/shapes`, authorized(bin.ownerToken))).json()) as EventShapeList;
  assert.deepEqual(
    shapes.schemas.map((s) => [s.eventType, s.version]),
    [[TYPE, 1]],
  );
});

test("a body over 256 KiB is not checked, and says so; it is never a pass", async () => {
  const bin = await createBin(server.url);
  // Too large to parse, a body's type comes from its headers alone: Shopify names it in one.
  assert.equal((await putSchema(bin, '{"type":"object"}', bin.ownerToken, "orders/create")).status, 200);
  const response = await fetch(bin.captureUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Topic": "orders/create" },
    body: JSON.stringify({ note: "x".repeat(300 * 1024) }),
  });
  assert.equal(response.status, 200);
  const id = response.headers.get("x-hookscope-request-id")!;
  await untilChecked(server.url, bin);
  assert.equal((await listed(bin)).get(id)!.schemaResult, "not_checked");
  const check = (await detail(bin, id)).schemaCheck;
  assert.equal(check?.result, "not_checked");
  assert.match(check?.note ?? "", /over 256 KiB/);
});

test("refused schemas: Ajv's complaint (422), too large (413), not the owner (403), remote $ref, backtracking patterns", async () => {
  const bin = await createBin(server.url);
  assert.match(
    await refusal(await putSchema(bin, '{"type":"strnig"}'), 422),
    /not valid JSON Schema 2020-12: schema is invalid: data\/type must be equal to one of the allowed values/,
  );
  assert.match(await refusal(await putSchema(bin, "{not json"), 422), /not JSON/);
  assert.match(await refusal(await putSchema(bin, '{"$ref":"https://schemas.example/charge.json"}'), 422), /can't resolve reference .*never fetched/);
  assert.match(await refusal(await putSchema(bin, '{"$schema":"http://json-schema.org/draft-04/schema#"}'), 422), /Unsupported \$schema/);
  assert.match(await refusal(await putSchema(bin, '{"type":"string","pattern":"^(a)\\\\1$"}'), 422), /linear-time engine/);
  const big = JSON.stringify({ type: "object", description: "x".repeat(257 * 1024) });
  assert.equal((await refusal(await putSchema(bin, big), 413)).length > 0, true);
  const viewer = viewerToken(bin);
  assert.equal(
    await refusal(await putSchema(bin, JSON.stringify(CHARGE_SCHEMA), viewer), 403),
    "This action needs the bin's owner token; a share link can only read.",
  );
  assert.equal((await fetch(schemaUrl(bin), { method: "DELETE", ...authorized(viewer) })).status, 403);
  assert.equal((await putSchema(bin, JSON.stringify(CHARGE_SCHEMA), "not-a-token")).status, 404);
  assert.equal((await fetch(schemaUrl(bin), authorized(viewer))).status, 404, "nothing was stored");
  assert.equal((await fetch(`${server.url}/api/bins/${bin.id}/shapes/schema`, authorized(viewer))).status, 400, "eventType is required");

  const draft07 = await putSchema(bin, JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", type: "object", required: ["id"] }));
  assert.equal(draft07.status, 200);
  assert.equal(((await draft07.json()) as OwnerSchema).draft, "draft-07");
});

test("replacing a schema counts its version up and re-checks the type's requests against it; deleting it stops the checks", async () => {
  const bin = await createBin(server.url);
  assert.equal((await putSchema(bin, JSON.stringify(CHARGE_SCHEMA))).status, 200);
  const id = await send(bin, CHARGE.body);
  await untilChecked(server.url, bin);
  assert.equal((await listed(bin)).get(id)!.schemaResult, "pass");

  const stricter = { ...CHARGE_SCHEMA, required: [...CHARGE_SCHEMA.required, "never_sent"] };
  const replaced = await putSchema(bin, JSON.stringify(stricter));
  assert.equal(((await replaced.json()) as OwnerSchema).version, 2);
  await untilChecked(server.url, bin);
  assert.equal((await listed(bin)).get(id)!.schemaResult, "fail", "re-checked against version 2");
  const check = (await detail(bin, id)).schemaCheck;
  assert.deepEqual(
    [check?.evaluated, check?.schemaVersion, check?.result, check?.failures],
    ["capture", 2, "fail", [{ instancePath: "", message: "must have required property 'never_sent'" }]],
  );
  const next = await send(bin, CHARGE.body);
  await untilChecked(server.url, bin);
  assert.deepEqual([(await detail(bin, next)).schemaCheck?.evaluated, (await listed(bin)).get(next)!.schemaResult], ["capture", "fail"]);

  const removed = await fetch(schemaUrl(bin), { method: "DELETE", ...authorized(bin.ownerToken) });
  assert.equal(removed.status, 204);
  assert.equal((await fetch(schemaUrl(bin), authorized(bin.ownerToken))).status, 404);
  assert.equal((await fetch(schemaUrl(bin), { method: "DELETE", ...authorized(bin.ownerToken) })).status, 404);
  const after = await send(bin, CHARGE.body);
  const rows = await listed(bin);
  assert.deepEqual([rows.get(next)!.schemaResult, rows.get(after)!.schemaResult], [null, null]);
  assert.equal((await detail(bin, next)).schemaCheck, null);

  const again = await putSchema(bin, JSON.stringify(CHARGE_SCHEMA));
  assert.equal(((await again.json()) as OwnerSchema).version, 1, "a schema uploaded after a removal starts over");
});

test("the 100-schema limit holds under concurrent PUTs: at 99, one of ten new types is stored and nine are refused (409)", async () => {
  const bin = await createBin(server.url);
  const small = JSON.stringify({ type: "object" });
  for (let batch = 0; batch < 11; batch++) {
    const answers = await Promise.all(Array.from({ length: 9 }, (_, i) => putSchema(bin, small, bin.ownerToken, `type.${batch * 9 + i}`)));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      Array(9).fill(200),
    );
  }
  const racing = await Promise.all(Array.from({ length: 10 }, (_, i) => putSchema(bin, small, bin.ownerToken, `late.${i}`)));
  assert.deepEqual(racing.map((answer) => answer.status).sort(), [200, ...Array(9).fill(409)]);
  const shapes = (await (await fetch(`${server.url}/api/bins/${bin.id}/shapes`, authorized(bin.ownerToken))).json()) as EventShapeList;
  assert.equal(shapes.schemas.length, 100);
  // At the limit, replacing a stored type is still allowed; ten at once count its version up by ten.
  const replacing = await Promise.all(Array.from({ length: 10 }, () => putSchema(bin, small, bin.ownerToken, "type.0")));
  assert.deepEqual(
    replacing.map((answer) => answer.status),
    Array(10).fill(200),
  );
  const versions = await Promise.all(replacing.map(async (answer) => ((await answer.json()) as OwnerSchema).version));
  assert.deepEqual(
    versions.sort((a, b) => a - b),
    [2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  );
});
