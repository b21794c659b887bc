import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { ApiKeyInfo, BinInfo, CreatedApiKey, CreatedBin, RequestDetail } from "@/lib/shared/api-types";
import { spawnCli, type CliProcess } from "../helpers/cli";
import { readColumn } from "../helpers/database";
import { CookieJar, signInWithoutBrowser, startIdentityProvider, type TestIdentityProvider, fromOrigin } from "../helpers/oidc";
import { freePort, startServer, type RunningServer } from "../helpers/server";
import { startTarget, waitUntil } from "../helpers/target";

let idp: TestIdentityProvider;
let server: RunningServer;
let target: Awaited<ReturnType<typeof startTarget>>;
let app: string;
let alice: CookieJar;
let bin: CreatedBin;
let readKey: CreatedApiKey;
let writeKey: CreatedApiKey;
const children: CliProcess[] = [];

const jsonFromApp = (method: string, body?: unknown): RequestInit => fromOrigin(app, method, body);
const withKey = (key: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${key}`, "content-type": "application/json" },
});

async function createKey(jar: CookieJar, name: string, scope: "read" | "write"): Promise<CreatedApiKey> {
  const response = await jar.fetch(`${app}/api/me/api-keys`, jsonFromApp("POST", { name, scope }));
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as CreatedApiKey;
}

before(
  async () => {
    const port = await freePort();
    app = `http://127.0.0.1:${port}`;
    idp = await startIdentityProvider([app]);
    target = await startTarget();
    server = await startServer({ ...idp.env(app), OUTBOUND_ALLOW_LIST: "127.0.0.1" }, { port });
    // The first account is the instance's admin (no ADMIN_EMAILS), which opens every bin: not alice.
    await signInWithoutBrowser(app, "the-admin");
    alice = await signInWithoutBrowser(app, "alice");
    const created = await alice.fetch(`${app}/api/bins`, jsonFromApp("POST", {}));
    bin = (await created.json()) as CreatedBin;
    readKey = await createKey(alice, "CI reader", "read");
    writeKey = await createKey(alice, "forwarder", "write");
  },
  { timeout: 60_000 },
);

after(async () => {
  for (const cli of children) if (cli.child.exitCode === null) cli.child.kill("SIGKILL");
  await server?.stop();
  await idp?.stop();
  await target?.close();
});

test("a key is shown once, listed without its secret, and only its SHA-256 is stored", async () => {
  assert.match(readKey.key, /^hsk_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
  assert.equal(readKey.key.split("_")[1], readKey.id);
  const stored = await readColumn(server.databaseUrl, "ApiKey", "secretHash", readKey.id);
  assert.equal(stored, createHash("sha256").update(readKey.key).digest("hex"));
  const listText = await (await alice.fetch(`${app}/api/me/api-keys`)).text();
  assert.ok(!listText.includes(readKey.key.split("_")[2]!), "the list never carries a key's secret");
  const list = JSON.parse(listText) as { keys: ApiKeyInfo[] };
  assert.deepEqual(list.keys.map((key) => [key.name, key.scope]).sort(), [
    ["CI reader", "read"],
    ["forwarder", "write"],
  ]);
});

test("keys are managed signed in only, from the app's pages, with a name and a known scope", async () => {
  assert.equal((await fetch(`${app}/api/me/api-keys`, withKey(writeKey.key))).status, 401, "a key cannot list keys");
  assert.equal((await fetch(`${app}/api/me/api-keys`, withKey(writeKey.key, { method: "POST", body: '{"name":"x","scope":"write"}' }))).status, 401);
  const crossSite = await alice.fetch(`${app}/api/me/api-keys`, {
    ...jsonFromApp("POST", { name: "x", scope: "read" }),
    headers: { origin: "http://evil.example", "content-type": "application/json" },
  });
  assert.equal(crossSite.status, 403);
  assert.equal((await alice.fetch(`${app}/api/me/api-keys`, jsonFromApp("POST", { name: "", scope: "read" }))).status, 400);
  assert.equal((await alice.fetch(`${app}/api/me/api-keys`, jsonFromApp("POST", { name: "x", scope: "admin" }))).status, 400);
  const bob = await signInWithoutBrowser(app, "bob");
  assert.equal((await bob.fetch(`${app}/api/me/api-keys/${readKey.id}`, jsonFromApp("DELETE"))).status, 404, "another account's key");
});

test("a read key reads its account's bins as a viewer and cannot change them", async () => {
  const info = (await (await fetch(`${app}/api/bins/${bin.id}`, withKey(readKey.key))).json()) as BinInfo;
  assert.equal(info.role, "viewer");
  assert.equal((await fetch(`${app}/api/bins/${bin.id}`, withKey(readKey.key, { method: "PATCH", body: '{"maxRequests":5}' }))).status, 403);
  assert.equal((await fetch(`${app}/api/bins/${bin.id}`, withKey(readKey.key, { method: "DELETE" }))).status, 403);
  assert.equal((await fetch(`${app}/api/bins`, withKey(readKey.key, { method: "POST", body: "{}" }))).status, 403);
  // The wait API, as a CI test uses it.
  const waiting = fetch(`${app}/api/bins/${bin.id}/requests/wait?path=/from-ci&timeout=20`, withKey(readKey.key));
  const sent = await fetch(`${bin.captureUrl}/from-ci`, { method: "POST", body: "ci" });
  assert.equal(sent.status, 200);
  const answer = await waiting;
  assert.equal(answer.status, 200);
  const found = (await answer.json()) as RequestDetail;
  assert.equal(found.id, sent.headers.get("x-hookscope-request-id"));
  const listed = (await readColumn(server.databaseUrl, "ApiKey", "lastUsedAt", readKey.id)) as unknown;
  assert.ok(listed !== null && listed !== undefined, "lastUsedAt is recorded");
});

test("a write key changes its account's bins, creates bins in the account, and opens nobody else's", async () => {
  assert.equal((await fetch(`${app}/api/bins/${bin.id}`, withKey(writeKey.key, { method: "PATCH", body: '{"maxRequests":50}' }))).status, 200);
  const made = await fetch(`${app}/api/bins`, withKey(writeKey.key, { method: "POST", body: "{}" }));
  assert.equal(made.status, 201);
  const madeBin = (await made.json()) as CreatedBin;
  const mine = (await (await fetch(`${app}/api/me/bins`, withKey(writeKey.key))).json()) as { bins: { id: string }[] };
  assert.ok(mine.bins.some((entry) => entry.id === madeBin.id));
  const carol = await signInWithoutBrowser(app, "carol");
  const carolKey = await createKey(carol, "carol's", "write");
  assert.equal((await fetch(`${app}/api/bins/${bin.id}`, withKey(carolKey.key))).status, 404, "another account's key");
  const anonymousBin = (await (await fetch(`${app}/api/bins`, { method: "POST" })).json()) as CreatedBin;
  assert.equal((await fetch(`${app}/api/bins/${anonymousBin.id}`, withKey(writeKey.key))).status, 404, "a browser-owned bin");
});

test("hookscope forward runs with a write API key instead of the owner token", { timeout: 60_000 }, async () => {
  const cli = spawnCli(["forward", `${app}/bins/${bin.id}`, "--token", writeKey.key, "--to", `${target.url}/local`]);
  children.push(cli);
  await waitUntil(() => cli.stdout().includes("Forwarding new requests") || cli.child.exitCode !== null, 20_000, "the start-up line");
  assert.equal(cli.child.exitCode, null, `hookscope exited early:\n${cli.stdout()}\n${cli.stderr()}`);
  const sent = await fetch(`${bin.captureUrl}/through-key`, { method: "POST", body: "forwarded with a key" });
  assert.equal(sent.status, 200);
  await waitUntil(() => target.received.some((r) => r.url === "/local/through-key"), 20_000, "the forwarded request");
  assert.equal(target.received.find((r) => r.url === "/local/through-key")?.body.toString(), "forwarded with a key");
  cli.child.kill("SIGINT");
  await cli.exited;
});

test("a revoked key answers 401 at once, as does a mistyped one; the revoked key stays listed", async () => {
  const victim = await createKey(alice, "soon revoked", "write");
  assert.equal((await fetch(`${app}/api/bins/${bin.id}`, withKey(victim.key))).status, 200);
  const revoked = await alice.fetch(`${app}/api/me/api-keys/${victim.id}`, jsonFromApp("DELETE"));
  assert.equal(revoked.status, 200);
  assert.ok(((await revoked.json()) as ApiKeyInfo).revokedAt);
  const refused = await fetch(`${app}/api/bins/${bin.id}`, withKey(victim.key));
  assert.equal(refused.status, 401);
  assert.equal(((await refused.json()) as { error: { code: string } }).error.code, "invalid_api_key");
  assert.equal((await fetch(`${app}/api/bins/${bin.id}/requests/wait?timeout=1`, withKey(victim.key))).status, 401);
  assert.equal((await fetch(`${app}/api/bins/${bin.id}`, withKey(`${victim.key.slice(0, -1)}x`))).status, 401);
  assert.equal((await fetch(`${app}/api/bins/${bin.id}`, withKey("hsk_short"))).status, 401);
  const cli = spawnCli(["forward", `${app}/bins/${bin.id}`, "--token", victim.key, "--to", `${target.url}/never`]);
  children.push(cli);
  assert.notEqual(await cli.exited, 0, "the CLI stops on a revoked key");
  const list = (await (await alice.fetch(`${app}/api/me/api-keys`)).json()) as { keys: ApiKeyInfo[] };
  assert.ok(list.keys.find((key) => key.id === victim.id)?.revokedAt);

  // The account's own log: both changes, by name and id, never the key itself; nobody else's.
  const log = await alice.fetch(`${app}/api/me/audit`);
  assert.equal(log.status, 200);
  const text = await log.text();
  assert.ok(!text.includes(victim.key.split("_")[2]!), "the key's secret is never in the log");
  const { entries } = JSON.parse(text) as { entries: { actor: string; action: string; detail: Record<string, unknown> }[] };
  const aboutVictim = entries.filter((entry) => entry.detail.id === victim.id).map((entry) => `${entry.actor} ${entry.action} ${String(entry.detail.key)}`);
  assert.deepEqual(aboutVictim, ["alice@example.test key.revoked soon revoked", "alice@example.test key.created soon revoked"]);
  assert.equal((await fetch(`${app}/api/me/audit`)).status, 401);
  const someoneElse = await signInWithoutBrowser(app, "carl");
  const othersLog = (await (await someoneElse.fetch(`${app}/api/me/audit`)).json()) as { entries: { detail: Record<string, unknown> }[] };
  assert.ok(!othersLog.entries.some((entry) => entry.detail.id === victim.id), "another account does not see it");
});

test("the bin's audit log names who changed what (session, key, owner token), never a secret, for owners only", async () => {
  const base = `${app}/api/bins/${bin.id}`;
  const secret = "audit-test-secret-value-0123456789";
  const added = await alice.fetch(`${base}/secrets`, jsonFromApp("POST", { scheme: "github", secret }));
  assert.equal(added.status, 201, await added.clone().text());
  assert.equal((await fetch(`${base}/share/rotate`, { method: "POST", headers: { authorization: `Bearer ${bin.ownerToken}` } })).status, 200);
  assert.equal((await fetch(base, withKey(writeKey.key, { method: "PATCH", body: '{"settings":{"response":{"status":202}}}' }))).status, 200);
  const response = await alice.fetch(`${base}/audit`);
  assert.equal(response.status, 200);
  const text = await response.text();
  assert.ok(!text.includes(secret), "no secret in the log");
  const { entries } = JSON.parse(text) as { entries: { actor: string; action: string; detail: Record<string, unknown> }[] };
  const [latest, rotated, secretAdded] = entries;
  assert.deepEqual(
    [latest?.action, latest?.actor, latest?.detail.changed],
    ["settings.changed", 'API key "forwarder" of alice@example.test', ["settings.response"]],
  );
  assert.deepEqual([rotated?.action, rotated?.actor], ["share.rotated", "the owner token"]);
  assert.deepEqual([secretAdded?.action, secretAdded?.actor, secretAdded?.detail.scheme], ["secret.added", "alice@example.test", "github"]);
  assert.equal((await fetch(`${base}/audit`, withKey(readKey.key))).status, 403, "a read key is a viewer");
});
