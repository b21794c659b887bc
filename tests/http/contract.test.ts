// The contract test: every operation of the OpenAPI document is called on a started server, and each
// JSON answer is validated (Ajv, JSON Schema 2020-12) against the schema the document gives for
// its status. The schemas come from lib/shared/contract.ts and are strict: a field the server does not
// return, or returns without the contract listing it, fails here.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { gzipSync } from "node:zlib";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { CreatedBin, DeliveryDetail, DeliveryList } from "@/lib/shared/api-types";
import { spawnCli, type CliProcess } from "../helpers/cli";
import { freePort, startServer, type RunningServer } from "../helpers/server";
import { startTarget, waitUntil } from "../helpers/target";

type Json = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: Json;
}

let server: RunningServer;
let target: Awaited<ReturnType<typeof startTarget>>;
let cli: CliProcess | undefined;
let document: Document;
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

before(
  async () => {
    target = await startTarget();
    server = await startServer({ OUTBOUND_ALLOW_LIST: "127.0.0.1", FORWARD_POLL_MS: "50", FORWARD_RETRY_BASE_MS: "50" });
    document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Document;
    ajv.addSchema({ $id: "doc", components: document.components });
  },
  { timeout: 40_000 },
);
after(async () => {
  if (cli && cli.child.exitCode === null) cli.child.kill("SIGKILL");
  await server?.stop();
  await target?.close();
});

const checked = new Set<string>();

/** Calls one operation and checks the answer against the document: a documented status, and a body its schema accepts. */
async function call(method: string, template: string, path: string, init: RequestInit & { expect: number }): Promise<Response> {
  const key = `${method.toUpperCase()} ${template}`;
  const operation = document.paths[template]?.[method.toLowerCase()];
  assert.ok(operation, `${key} is not in the document`);
  const response = await fetch(`${server.url}${path}`, { ...init, method: method.toUpperCase() });
  // Read only on a mismatch: the forwarder stream is a response that does not end.
  if (response.status !== init.expect) assert.fail(`${key}: ${response.status} ${await response.text()}`);
  const documented = operation.responses[String(response.status)];
  assert.ok(documented, `${key} answered ${response.status}, which the document does not list`);
  const schema = documented.content?.["application/json"]?.schema;
  if (schema && response.headers.get("content-type")?.includes("application/json")) {
    const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')) as Json);
    const body = (await response.clone().json()) as unknown;
    assert.ok(validate(body), `${key} ${response.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 400)}`);
  }
  checked.add(key);
  return response;
}

const owner = (bin: CreatedBin, extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${bin.ownerToken}`, ...extra });
const asJson = (bin: CreatedBin) => owner(bin, { "Content-Type": "application/json" });

test("every operation of the OpenAPI document answers what the document says", { timeout: 120_000 }, async () => {
  await call("get", "/api/health", "/api/health", { expect: 200 });
  await call("get", "/api/openapi.json", "/api/openapi.json", { expect: 200 });
  await call("get", "/api/signature-schemes", "/api/signature-schemes", { expect: 200 });
  await call("get", "/api/sender-presets", "/api/sender-presets", { expect: 200 });
  // This server has no provider configured: sign-in answers what the document says for that case
  // (tests/http/auth.test.ts signs in for real).
  const me = await call("get", "/api/me", "/api/me", { expect: 200 });
  assert.deepEqual(await me.json(), { signIn: { enabled: false, required: false }, user: null });
  await call("get", "/api/me/bins", "/api/me/bins", { expect: 401 });
  await call("get", "/api/auth/login", "/api/auth/login", { expect: 404, redirect: "manual" });
  await call("get", "/api/auth/callback", "/api/auth/callback?code=x&state=y", { expect: 400, redirect: "manual" });
  await call("post", "/api/auth/logout", "/api/auth/logout", { expect: 401, headers: { "Content-Type": "application/json" }, body: "{}" });
  await call("get", "/api/me/api-keys", "/api/me/api-keys", { expect: 401 });
  await call("post", "/api/me/api-keys", "/api/me/api-keys", {
    expect: 401,
    headers: { "Content-Type": "application/json" },
    body: '{"name":"ci","scope":"read"}',
  });
  await call("delete", "/api/me/api-keys/{keyId}", "/api/me/api-keys/nosuchkey", { expect: 401 });
  const asJsonBody = (body: unknown) => ({ headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  await call("get", "/api/teams", "/api/teams", { expect: 401 });
  await call("get", "/api/admin/bins", "/api/admin/bins", { expect: 401 });
  await call("get", "/api/admin/policy", "/api/admin/policy", { expect: 401 });
  await call("put", "/api/admin/policy", "/api/admin/policy", { expect: 401, ...asJsonBody({ privateTargetRoles: ["admin"] }) });
  await call("get", "/api/admin/audit", "/api/admin/audit", { expect: 401 });
  await call("get", "/api/me/audit", "/api/me/audit", { expect: 401 });
  await call("get", "/api/teams/{teamId}/audit", "/api/teams/noteam/audit", { expect: 401 });
  await call("post", "/api/teams", "/api/teams", { expect: 401, ...asJsonBody({ name: "Payments" }) });
  await call("get", "/api/teams/{teamId}", "/api/teams/noteam", { expect: 401 });
  await call("post", "/api/teams/{teamId}/invites", "/api/teams/noteam/invites", { expect: 401, ...asJsonBody({ role: "member" }) });
  await call("patch", "/api/teams/{teamId}/members/{userId}", "/api/teams/noteam/members/nouser", { expect: 401, ...asJsonBody({ role: "viewer" }) });
  await call("delete", "/api/teams/{teamId}/members/{userId}", "/api/teams/noteam/members/nouser", { expect: 401 });
  await call("post", "/api/invites/accept", "/api/invites/accept", { expect: 401, ...asJsonBody({ token: "x" }) });

  const created = await call("post", "/api/bins", "/api/bins", {
    expect: 201,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: `contract-${Date.now()}` }),
  });
  const bin = (await created.json()) as CreatedBin;
  const base = `/api/bins/${bin.id}`;
  const h = `/h/${bin.id}`;

  // Capture answers with the bin's configured response; its body is the bin's, not the API's.
  let firstId = "";
  for (const method of ["get", "post", "put", "patch", "delete", "head", "options"]) {
    const body = ["get", "head", "options"].includes(method) ? undefined : JSON.stringify({ method });
    const captured = await call(method, "/h/{binId}", `${h}/contract?m=${method}`, {
      expect: 200,
      ...(body ? { body, headers: { "Content-Type": "application/json" } } : {}),
    });
    firstId ||= captured.headers.get("x-hookscope-request-id")!;
  }
  const secret = "whsec_contract_0123456789abcdefghij";
  const payload = '{"id":"evt_contract","type":"charge.succeeded"}';
  const at = Math.floor(Date.now() / 1000);
  const signed = await fetch(`${server.url}${h}/stripe`, {
    method: "POST",
    body: gzipSync(payload),
    headers: {
      "Content-Type": "application/json",
      "Content-Encoding": "gzip",
      "Stripe-Signature": `t=${at},v1=${createHmac("sha256", secret).update(`${at}.${payload}`).digest("hex")}`,
    },
  });
  const requestId = signed.headers.get("x-hookscope-request-id")!;
  const r = `${base}/requests/${requestId}`;

  await call("get", "/api/bins/{binId}", base, { expect: 200, headers: owner(bin) });
  await call("patch", "/api/bins/{binId}", base, {
    expect: 200,
    headers: asJson(bin),
    body: JSON.stringify({ maxRequests: 500, settings: { response: { status: 202 } } }),
  });
  await call("get", "/api/bins/{binId}/settings", `${base}/settings`, { expect: 200, headers: owner(bin) });
  await call("get", "/api/bins/{binId}/timeline", `${base}/timeline?buckets=10`, { expect: 200, headers: owner(bin) });
  await call("get", "/api/bins/{binId}/shapes", `${base}/shapes`, { expect: 200, headers: owner(bin) });
  await call("get", "/api/bins/{binId}/shapes/changes", `${base}/shapes/changes`, { expect: 200, headers: owner(bin) });
  // Shapes are learnt behind the captures (lib/server/shapes/learner.ts): export once the untyped one is.
  await waitUntil(
    async () => {
      const list = (await (await fetch(`${server.url}${base}/shapes`, { headers: owner(bin) })).json()) as { shapes: { eventType: string }[] };
      return list.shapes.some((shape) => shape.eventType === "untyped");
    },
    15_000,
    "the untyped shape to be learnt",
  );
  await call("get", "/api/bins/{binId}/shapes/export", `${base}/shapes/export?eventType=untyped&format=zod`, { expect: 200, headers: owner(bin) });
  const schemaPath = `${base}/shapes/schema?eventType=charge.succeeded`;
  await call("put", "/api/bins/{binId}/shapes/schema", schemaPath, { expect: 422, headers: asJson(bin), body: '{"type":"strnig"}' });
  await call("put", "/api/bins/{binId}/shapes/schema", schemaPath, { expect: 200, headers: asJson(bin), body: '{"type":"object","required":["id"]}' });
  await call("get", "/api/bins/{binId}/shapes/schema", schemaPath, { expect: 200, headers: owner(bin) });
  await call("post", "/api/bins/{binId}/share/rotate", `${base}/share/rotate`, { expect: 200, headers: owner(bin) });
  await call("post", "/api/bins/{binId}/claim", `${base}/claim`, { expect: 401, headers: owner(bin) });
  const audit = await call("get", "/api/bins/{binId}/audit", `${base}/audit`, { expect: 200, headers: owner(bin) });
  assert.ok(((await audit.json()) as { entries: { action: string }[] }).entries.some((entry) => entry.action === "share.rotated"));

  const added = await call("post", "/api/bins/{binId}/secrets", `${base}/secrets`, {
    expect: 201,
    headers: asJson(bin),
    body: JSON.stringify({ scheme: "stripe", secret }),
  });
  await call("get", "/api/bins/{binId}/secrets", `${base}/secrets`, { expect: 200, headers: owner(bin) });
  await call("get", "/api/bins/{binId}/requests/{requestId}/verification", `${r}/verification`, { expect: 200, headers: owner(bin) });
  const resigned = await call("post", "/api/bins/{binId}/requests/{requestId}/replay", `${r}/replay`, {
    expect: 200,
    headers: asJson(bin),
    body: JSON.stringify({ targetUrl: `${target.url}/resigned`, resign: { scheme: "stripe" } }),
  });
  assert.equal(((await resigned.json()) as DeliveryDetail).resigned?.scheme, "stripe");
  await call("post", "/api/bins/{binId}/test-event", `${base}/test-event`, {
    expect: 200,
    headers: asJson(bin),
    body: JSON.stringify({ scheme: "stripe", targetUrl: `${target.url}/test-event` }),
  });
  await call("delete", "/api/bins/{binId}/secrets/{secretId}", `${base}/secrets/${((await added.json()) as { id: string }).id}`, {
    expect: 204,
    headers: owner(bin),
  });

  await call("get", "/api/bins/{binId}/requests", `${base}/requests?limit=5`, { expect: 200, headers: owner(bin) });
  await call("get", "/api/bins/{binId}/requests/{requestId}", r, { expect: 200, headers: owner(bin) });
  await call("get", "/api/bins/{binId}/requests/{requestId}/raw", `${r}/raw`, { expect: 200, headers: owner(bin) });
  await call("get", "/api/bins/{binId}/requests/{requestId}/decoded", `${r}/decoded`, { expect: 200, headers: owner(bin) });
  await call("get", "/api/bins/{binId}/requests/wait", `${base}/requests/wait?path=/stripe&after=${firstId}&timeout=5`, { expect: 200, headers: owner(bin) });
  await call("get", "/api/bins/{binId}/export", `${base}/export?format=json`, { expect: 200, headers: owner(bin) });

  const replayed = await call("post", "/api/bins/{binId}/requests/{requestId}/replay", `${r}/replay`, {
    expect: 200,
    headers: asJson(bin),
    body: JSON.stringify({ targetUrl: `${target.url}/replay` }),
  });
  assert.equal(((await replayed.json()) as DeliveryDetail).status, "succeeded");
  await call("post", "/api/bins/{binId}/replay", `${base}/replay`, {
    expect: 200,
    headers: asJson(bin),
    body: JSON.stringify({ targetUrl: `${target.url}/many`, requestIds: [requestId] }),
  });
  await call("get", "/api/bins/{binId}/requests/{requestId}/deliveries", `${r}/deliveries`, { expect: 200, headers: owner(bin) });

  // A forward to a closed port with one attempt gives up: a dead delivery to retry.
  const closed = await freePort();
  await fetch(`${server.url}${base}`, {
    method: "PATCH",
    headers: asJson(bin),
    body: JSON.stringify({ settings: { forward: { enabled: true, url: `http://127.0.0.1:${closed}/gone`, maxAttempts: 1 } } }),
  });
  await fetch(`${server.url}${h}/forwarded`, { method: "POST", body: "{}" });
  const dead = await waitUntil(
    async () => {
      const list = (await (await fetch(`${server.url}${base}/deliveries?status=dead`, { headers: owner(bin) })).json()) as DeliveryList;
      return list.deliveries[0];
    },
    20_000,
    "a dead forward delivery",
  );
  await fetch(`${server.url}${base}`, { method: "PATCH", headers: asJson(bin), body: JSON.stringify({ settings: { forward: { enabled: false } } }) });
  await call("get", "/api/bins/{binId}/deliveries", `${base}/deliveries?status=dead`, { expect: 200, headers: owner(bin) });
  await call("post", "/api/bins/{binId}/deliveries/{deliveryId}/retry", `${base}/deliveries/${dead.id}/retry`, { expect: 202, headers: owner(bin) });

  // A forwarder: the real CLI holds the stream; the inspector sends through it; its reports are stored.
  const link = `${server.url}/bins/${bin.id}#owner=${encodeURIComponent(bin.ownerToken)}`;
  cli = spawnCli(["forward", link, "--to", `${target.url}/cli`, "--name", "contract"]);
  await waitUntil(() => cli!.stdout().includes("Forwarding new requests") || cli!.child.exitCode !== null, 15_000, "the CLI's start-up line");
  assert.equal(cli.child.exitCode, null, cli.stderr());
  await call("get", "/api/bins/{binId}/forwarders", `${base}/forwarders`, { expect: 200, headers: owner(bin) });
  await call("post", "/api/bins/{binId}/forwarders/{name}/send", `${base}/forwarders/contract/send`, {
    expect: 200,
    headers: asJson(bin),
    body: JSON.stringify({ requestId }),
  });
  cli.child.kill("SIGTERM");
  await cli.exited;
  const stream = await call("get", "/api/bins/{binId}/forwarders/{name}/stream", `${base}/forwarders/by-hand/stream`, { expect: 200, headers: owner(bin) });
  const reader = stream.body!.getReader();
  const hello = JSON.parse(new TextDecoder().decode((await reader.read()).value).split("\n")[0]!) as { t: string; cursor: number };
  assert.equal(hello.t, "hello");
  await reader.cancel();
  await call("post", "/api/bins/{binId}/forwarders/{name}/reports", `${base}/forwarders/by-hand/reports`, {
    expect: 200,
    headers: asJson(bin),
    body: JSON.stringify({ cursor: hello.cursor, reports: [] }),
  });
  await call("delete", "/api/bins/{binId}/forwarders/{name}", `${base}/forwarders/by-hand`, { expect: 204, headers: owner(bin) });

  const exported = await (await fetch(`${server.url}${base}/export?format=json`, { headers: owner(bin) })).text();
  await call("post", "/api/bins/import", "/api/bins/import", { expect: 201, headers: { "Content-Type": "application/json" }, body: exported });

  await call("delete", "/api/bins/{binId}/shapes/schema", schemaPath, { expect: 204, headers: owner(bin) });
  await call("delete", "/api/bins/{binId}/requests/{requestId}", r, { expect: 204, headers: owner(bin) });
  await call("delete", "/api/bins/{binId}/requests", `${base}/requests`, { expect: 204, headers: owner(bin) });
  await call("delete", "/api/bins/{binId}", base, { expect: 204, headers: owner(bin) });

  // Errors have one shape too.
  await call("get", "/api/bins/{binId}", `/api/bins/nope-${Date.now()}`, { expect: 404, headers: { Authorization: "Bearer wrong" } });

  const documented = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => method !== "parameters")
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
  assert.deepEqual(
    documented.filter((key) => !checked.has(key)),
    [],
    "operations the contract test did not call",
  );
});

test("a field the contract lists but the answer lacks, or an extra one, fails validation", () => {
  const validate = ajv.compile({ $ref: "doc#/components/schemas/BinInfo" });
  const answer = {
    id: "b",
    createdAt: "2026-11-30T00:00:00.000Z",
    expiresAt: null,
    maxRequests: 1,
    requestCount: 0,
    pruned: 0,
    refused: { rateLimited: 0, tooLarge: 0, overloaded: 0, unauthorized: 0, forbidden: 0, lastAt: null },
    undeliveredDropped: 0,
    captureUrl: "http://x/h/b",
    role: "owner",
    managed: false,
  };
  assert.ok(validate(answer), ajv.errorsText(validate.errors));
  const { pruned: _pruned, ...missing } = answer;
  assert.equal(validate(missing), false);
  assert.equal(validate({ ...answer, surprise: 1 }), false);
});
