// Every operation on a bin, asked by every kind of caller: who gets in, who is refused, and how.
// The operations come from the OpenAPI document, so a new route is in the matrix the day it exists.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { CreatedApiKey, CreatedBin, TeamDetail } from "@/lib/shared/api-types";
import { CookieJar, signInWithoutBrowser, startIdentityProvider, type TestIdentityProvider, fromOrigin } from "../helpers/oidc";
import { freePort, startServer, type RunningServer } from "../helpers/server";

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { enum?: string[]; example?: string };
}
interface Operation {
  method: string;
  template: string;
  parameters: Parameter[];
  /** The document lists a 403: viewers (share link, team viewer, read key) may not call it. */
  ownerOnly: boolean;
  /** "x-bin-role": "owner": it configures the bin, which a team's member (an operator) may not either. */
  configures: boolean;
}

let idp: TestIdentityProvider;
let server: RunningServer;
let app: string;
let bin: CreatedBin;
let requestId: string;
const jars: Record<string, CookieJar> = {};
const keys: Record<string, CreatedApiKey> = {};
let operations: Operation[] = [];

const AUTH_CODES = new Set(["bin_not_found", "forbidden", "invalid_api_key", "sign_in_required"]);

const fromApp = (method: string, body?: unknown): RequestInit => fromOrigin(app, method, body);

before(
  async () => {
    const port = await freePort();
    app = `http://127.0.0.1:${port}`;
    idp = await startIdentityProvider([app]);
    server = await startServer({ ...idp.env(app), ADMIN_EMAILS: "admin@example.test" }, { port });
    for (const login of ["owner", "member", "viewer", "stranger", "admin"]) jars[login] = await signInWithoutBrowser(app, login);
    const team = (await (await jars.owner!.fetch(`${app}/api/teams`, fromApp("POST", { name: "Matrix" }))).json()) as TeamDetail;
    for (const role of ["member", "viewer"] as const) {
      const invite = (await (await jars.owner!.fetch(`${app}/api/teams/${team.id}/invites`, fromApp("POST", { role }))).json()) as { url: string };
      const joined = await jars[role]!.fetch(`${app}/api/invites/accept`, fromApp("POST", { token: new URL(invite.url).hash.replace("#token=", "") }));
      assert.equal(joined.status, 200);
    }
    bin = (await (await jars.owner!.fetch(`${app}/api/bins`, fromApp("POST", { team: team.id }))).json()) as CreatedBin;
    const captured = await fetch(`${bin.captureUrl}/matrix`, { method: "POST", body: '{"type":"ping"}', headers: { "content-type": "application/json" } });
    requestId = captured.headers.get("x-hookscope-request-id")!;
    for (const [name, scope] of [
      ["read", "read"],
      ["revoked", "write"],
    ] as const) {
      keys[name] = (await (await jars.owner!.fetch(`${app}/api/me/api-keys`, fromApp("POST", { name, scope }))).json()) as CreatedApiKey;
    }
    assert.equal((await jars.owner!.fetch(`${app}/api/me/api-keys/${keys.revoked!.id}`, fromApp("DELETE"))).status, 200);

    const document = (await (await fetch(`${app}/api/openapi.json`)).json()) as { paths: Record<string, Json> };
    operations = Object.entries(document.paths)
      .filter(([template]) => template.startsWith("/api/bins/{binId}"))
      .flatMap(([template, item]) =>
        Object.entries(item)
          .filter(([method]) => method !== "parameters")
          .map(([method, operation]) => ({ method, template, operation: operation as Json, shared: (item.parameters ?? []) as Parameter[] })),
      )
      // The forward stream never ends, and deleting the bin would end the matrix: both are tested elsewhere.
      .filter(({ operation, method, template }) => operation["x-served-by"] !== "server" && !(method === "delete" && template === "/api/bins/{binId}"))
      .map(({ method, template, operation, shared }) => ({
        method: method.toUpperCase(),
        template,
        parameters: [...shared, ...((operation.parameters ?? []) as Parameter[])],
        ownerOnly: "403" in (operation.responses as Json),
        configures: operation["x-bin-role"] === "owner",
      }));
    assert.ok(operations.length >= 35, `only ${operations.length} operations found`);
  },
  { timeout: 120_000 },
);

after(async () => {
  await server?.stop();
  await idp?.stop();
});

function urlOf(operation: Operation): string {
  const values: Record<string, string> = { binId: bin.id, requestId, deliveryId: "matrixdelivery", secretId: "matrixsecret", name: "matrix-laptop" };
  const path = operation.template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? "x"));
  const query = new URLSearchParams();
  for (const parameter of operation.parameters.filter((p) => p.in === "query" && p.required)) {
    query.set(parameter.name, parameter.schema?.enum?.[0] ?? parameter.schema?.example ?? "x");
  }
  if (operation.template.endsWith("/wait")) query.set("timeout", "1");
  return `${app}${path}${query.size > 0 ? `?${query}` : ""}`;
}

type Caller = { name: string; send: (url: string, init: RequestInit) => Promise<Response> };

function caller(name: string, jar: CookieJar | null, headers: Record<string, string> = {}): Caller {
  return {
    name,
    send: (url, init) => {
      const merged = { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } };
      return jar ? jar.fetch(url, merged) : fetch(url, merged);
    },
  };
}

/** The error code of an answer, or null for a success. */
async function codeOf(response: Response): Promise<string | null> {
  if (response.ok || response.status === 304) return null;
  const text = await response.text();
  try {
    return ((JSON.parse(text) as { error?: { code?: string } }).error?.code ?? `http_${response.status}`) as string;
  } catch {
    return `http_${response.status}`;
  }
}

/** Runs every operation as `who`; `expect` says, per operation, the code it must be refused with, or null when it must get in. */
async function matrix(who: Caller, expect: (operation: Operation) => string | null, init: (operation: Operation) => RequestInit): Promise<void> {
  const wrong: string[] = [];
  for (const operation of operations) {
    const response = await who.send(urlOf(operation), init(operation));
    const code = await codeOf(response);
    const expected = expect(operation);
    const got = code !== null && AUTH_CODES.has(code) ? code : null;
    if (got !== expected) wrong.push(`${operation.method} ${operation.template}: expected ${expected ?? "to get in"}, got ${code ?? response.status}`);
  }
  assert.deepEqual(wrong, [], `${who.name}:\n${wrong.join("\n")}`);
}

const asPage = (operation: Operation): RequestInit => (operation.method === "GET" ? {} : fromApp(operation.method, {}));
const asScript = (operation: Operation): RequestInit =>
  operation.method === "GET" ? {} : { method: operation.method, headers: { "content-type": "application/json" }, body: "{}" };
const isClaim = (operation: Operation) => operation.template.endsWith("/claim");

test("nobody, and another account, get the same 404 as for an unknown bin", async () => {
  await matrix(caller("no session", null), (operation) => (isClaim(operation) ? "sign_in_required" : "bin_not_found"), asScript);
  await matrix(caller("another account", jars.stranger!), () => "bin_not_found", asPage);
});

test("the team's viewer reads and is refused every change; the member uses the bin but may not configure it; owner and admin get in everywhere", async () => {
  await matrix(caller("team viewer", jars.viewer!), (operation) => (operation.ownerOnly ? "forbidden" : null), asPage);
  await matrix(caller("team member", jars.member!), (operation) => (operation.configures ? "forbidden" : null), asPage);
  // Claiming a team's bin into an account is refused as a conflict, not an access error.
  for (const who of ["owner", "admin"]) await matrix(caller(who, jars[who]!), () => null, asPage);
  assert.ok(operations.filter((operation) => operation.configures).length >= 8, "the configuring operations are marked");
  assert.ok(operations.filter((operation) => operation.ownerOnly && !operation.configures).length >= 10, "and the ones a member may use");
});

test("a revoked key gets 401 everywhere; a read key reads and gets 403 on every change", async () => {
  await matrix(
    caller("revoked key", null, { authorization: `Bearer ${keys.revoked!.key}` }),
    (operation) => (isClaim(operation) ? "sign_in_required" : "invalid_api_key"),
    asScript,
  );
  await matrix(
    caller("read key", null, { authorization: `Bearer ${keys.read!.key}` }),
    (operation) => (isClaim(operation) ? "sign_in_required" : operation.ownerOnly ? "forbidden" : null),
    asScript,
  );
});

test("a cross-site form post with the owner's session is refused with 403 on every change", async () => {
  const form = (operation: Operation): RequestInit =>
    operation.method === "GET"
      ? {}
      : { method: operation.method, headers: { origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" }, body: "a=1" };
  await matrix(caller("cross-site form", jars.owner!), (operation) => (operation.method === "GET" ? null : "forbidden"), form);
});
