import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import type { AdminBinList, BinInfo, CreatedBin, JoinBinAck, Me } from "@/lib/shared/api-types";
import { authorized } from "../helpers/http";
import { CookieJar, signInWithoutBrowser, startIdentityProvider, type TestIdentityProvider, fromOrigin } from "../helpers/oidc";
import { freePort, startServer, type RunningServer } from "../helpers/server";

let idp: TestIdentityProvider;
let server: RunningServer;
let app: string;
let root: CookieJar;
let erin: CookieJar;
let erinsBin: CreatedBin;

const fromApp = (method: string, body?: unknown): RequestInit => fromOrigin(app, method, body);
const shareTokenOf = (bin: CreatedBin) => new URL(bin.shareUrl).hash.replace("#share=", "");

before(
  async () => {
    const port = await freePort();
    app = `http://127.0.0.1:${port}`;
    idp = await startIdentityProvider([app]);
    server = await startServer({ ...idp.env(app), AUTH_REQUIRED: "1", ADMIN_EMAILS: "Root@Example.test, ops@example.test" }, { port });
    // erin signs in first: with a list of admins, being first makes nobody admin.
    erin = await signInWithoutBrowser(app, "erin");
    root = await signInWithoutBrowser(app, "root");
    const made = await erin.fetch(`${app}/api/bins`, fromApp("POST", {}));
    assert.equal(made.status, 201);
    erinsBin = (await made.json()) as CreatedBin;
  },
  { timeout: 60_000 },
);

after(async () => {
  await server?.stop();
  await idp?.stop();
});

test("AUTH_REQUIRED: nobody creates or imports a bin signed out; senders still capture", async () => {
  const me = (await (await fetch(`${app}/api/me`)).json()) as Me;
  assert.deepEqual(me.signIn, { enabled: true, required: true });
  const anonymous = await fetch(`${app}/api/bins`, { method: "POST" });
  assert.equal(anonymous.status, 401);
  assert.match(((await anonymous.json()) as { error: { message: string } }).error.message, /requires sign-in/);
  assert.equal(
    (await fetch(`${app}/api/bins/import`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"log":{"entries":[]}}' })).status,
    401,
  );
  const sent = await fetch(`${erinsBin.captureUrl}/from-a-sender`, { method: "POST", body: "no account needed" });
  assert.equal(sent.status, 200);
});

test("AUTH_REQUIRED: a share link reads only for a signed-in reader; the owner token still opens the bin", async () => {
  const path = `${app}/api/bins/${erinsBin.id}`;
  const share = shareTokenOf(erinsBin);
  assert.equal((await fetch(path, authorized(share))).status, 401, "a share link alone");
  const reader = await signInWithoutBrowser(app, "reader");
  const seen = await reader.fetch(path, authorized(share));
  assert.equal(seen.status, 200);
  assert.equal(((await seen.json()) as BinInfo).role, "viewer");
  assert.equal((await reader.fetch(path)).status, 404, "signed in without the link");
  assert.equal((await fetch(path, authorized(erinsBin.ownerToken))).status, 200);

  for (const [jar, expected] of [
    [null, false],
    [reader, true],
  ] as const) {
    const socket = io(app, { transports: ["websocket"], reconnection: false, extraHeaders: { origin: app, ...(jar ? { cookie: jar.header() } : {}) } });
    try {
      const ack: JoinBinAck = await socket.timeout(10_000).emitWithAck("bin:join", { binId: erinsBin.id, token: share });
      assert.equal(ack.ok, expected, jar ? "with a session" : "without one");
    } finally {
      socket.disconnect();
    }
  }
});

test("admins come from ADMIN_EMAILS (any case), list every bin, and open and delete any of them; others cannot", async () => {
  assert.equal(((await (await root.fetch(`${app}/api/me`)).json()) as Me).user?.isAdmin, true);
  assert.equal(((await (await erin.fetch(`${app}/api/me`)).json()) as Me).user?.isAdmin, false);
  assert.equal((await erin.fetch(`${app}/api/admin/bins`)).status, 403);
  assert.equal((await fetch(`${app}/api/admin/bins`)).status, 401);
  const list = (await (await root.fetch(`${app}/api/admin/bins`)).json()) as AdminBinList;
  const listed = list.bins.find((bin) => bin.id === erinsBin.id);
  assert.equal(listed?.owner, "erin@example.test");
  const opened = (await (await root.fetch(`${app}/api/bins/${erinsBin.id}`)).json()) as BinInfo;
  assert.equal(opened.role, "owner");
  const crossSite = await root.fetch(`${app}/api/bins/${erinsBin.id}`, { method: "DELETE", headers: { origin: "http://evil.example" } });
  assert.equal(crossSite.status, 403, "an admin's session is CSRF-checked like any other");
  assert.equal((await root.fetch(`${app}/api/bins/${erinsBin.id}`, fromApp("DELETE"))).status, 204);
  assert.equal((await erin.fetch(`${app}/api/bins/${erinsBin.id}`)).status, 404);
});

test("AUTH_REQUIRED without a provider stops the server at start, naming what is missing", async () => {
  await assert.rejects(startServer({ AUTH_REQUIRED: "1" }), /AUTH_REQUIRED: needs sign-in configured/);
});
