import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { AuditList, CreatedApiKey, CreatedBin, CreatedInvite, DeliveryDetail, InstancePolicy, TeamDetail } from "@/lib/shared/api-types";
import { authorized, createBin } from "../helpers/http";
import { CookieJar, signInWithoutBrowser, startIdentityProvider, type TestIdentityProvider, fromOrigin } from "../helpers/oidc";
import { freePort, startServer, type RunningServer } from "../helpers/server";
import { startTarget, waitUntil } from "../helpers/target";

// The operator opens private addresses (ALLOW_PRIVATE_TARGETS); the admin's policy then decides which
// roles may use that. The target runs on 127.0.0.1, a loopback address, so every send here is "private".
let idp: TestIdentityProvider;
let server: RunningServer;
let target: Awaited<ReturnType<typeof startTarget>>;
let app: string;
let root: CookieJar;
let tina: CookieJar;
let mo: CookieJar;
let ann: CookieJar;
let teamBin: CreatedBin;
let annsBin: CreatedBin;
let tokenBin: CreatedBin;

const fromApp = (method: string, body?: unknown): RequestInit => fromOrigin(app, method, body);

async function asJson<T>(response: Response, status = 200): Promise<T> {
  assert.equal(response.status, status, await response.clone().text());
  return (await response.json()) as T;
}

async function captureOne(bin: CreatedBin, label: string): Promise<string> {
  assert.equal((await fetch(`${bin.captureUrl}/${label}`, { method: "POST", body: label })).status, 200);
  const page = await asJson<{ requests: { id: string; path: string }[] }>(await fetch(`${app}/api/bins/${bin.id}/requests`, authorized(bin.ownerToken)));
  const found = page.requests.find((request) => request.path.endsWith(`/${label}`));
  assert.ok(found, `captured ${label}`);
  return found.id;
}

/** Replays a capture of `bin` to the local target as `who` (a signed-in browser, else the bin's owner token). */
async function replay(bin: CreatedBin, who: CookieJar | null, label: string): Promise<DeliveryDetail> {
  const requestId = await captureOne(bin, label);
  const path = `${app}/api/bins/${bin.id}/requests/${requestId}/replay`;
  const body = { targetUrl: `${target.url}/${label}` };
  const response = who
    ? await who.fetch(path, fromApp("POST", body))
    : await fetch(path, { method: "POST", headers: { ...authorized(bin.ownerToken).headers, "content-type": "application/json" }, body: JSON.stringify(body) });
  return asJson<DeliveryDetail>(response);
}

const reached = (label: string) => target.received.some((request) => request.url === `/${label}`);

async function setPolicy(jar: CookieJar, roles: string[]): Promise<Response> {
  return jar.fetch(`${app}/api/admin/policy`, fromApp("PUT", { privateTargetRoles: roles }));
}

before(
  async () => {
    const port = await freePort();
    app = `http://127.0.0.1:${port}`;
    target = await startTarget();
    idp = await startIdentityProvider([app]);
    server = await startServer({ ...idp.env(app), ALLOW_PRIVATE_TARGETS: "1", ADMIN_EMAILS: "root@example.test", FORWARD_POLL_MS: "50" }, { port });
    root = await signInWithoutBrowser(app, "root");
    tina = await signInWithoutBrowser(app, "tina");
    mo = await signInWithoutBrowser(app, "mo");
    ann = await signInWithoutBrowser(app, "ann");
    const team = await asJson<TeamDetail>(await tina.fetch(`${app}/api/teams`, fromApp("POST", { name: "Payments" })), 201);
    const invite = await asJson<CreatedInvite>(await tina.fetch(`${app}/api/teams/${team.id}/invites`, fromApp("POST", { role: "member" })), 201);
    await asJson(await mo.fetch(`${app}/api/invites/accept`, fromApp("POST", { token: new URL(invite.url).hash.replace("#token=", "") })));
    teamBin = await asJson<CreatedBin>(await tina.fetch(`${app}/api/bins`, fromApp("POST", { team: team.id })), 201);
    annsBin = await asJson<CreatedBin>(await ann.fetch(`${app}/api/bins`, fromApp("POST", {})), 201);
    tokenBin = await createBin(app);
  },
  { timeout: 60_000 },
);

after(async () => {
  await server?.stop();
  await idp?.stop();
  await target?.close();
});

test("by default every role may use what the operator opened; only admins read or change the policy", async () => {
  const policy = await asJson<InstancePolicy>(await root.fetch(`${app}/api/admin/policy`));
  assert.deepEqual(policy, {
    privateTargetRoles: ["owner_token", "account", "team_member", "team_owner", "admin"],
    operatorAllowsPrivate: true,
    allowListEntries: 0,
    updatedAt: null,
  });
  const delivery = await replay(tokenBin, null, "default-open");
  assert.equal(delivery.status, "succeeded");
  assert.ok(reached("default-open"));

  assert.equal((await tina.fetch(`${app}/api/admin/policy`)).status, 403, "a team owner is not an admin");
  assert.equal((await setPolicy(ann, ["admin"])).status, 403);
  assert.equal((await fetch(`${app}/api/admin/policy`, { method: "PUT", body: "{}" })).status, 401);
  const crossSite = await root.fetch(`${app}/api/admin/policy`, {
    method: "PUT",
    headers: { origin: "https://evil.example", "content-type": "application/json" },
    body: JSON.stringify({ privateTargetRoles: [] }),
  });
  assert.equal(crossSite.status, 403, "a cross-site change with the admin's cookie");
  const readKey = await asJson<CreatedApiKey>(await root.fetch(`${app}/api/me/api-keys`, fromApp("POST", { name: "read", scope: "read" })), 201);
  assert.equal((await fetch(`${app}/api/admin/policy`, authorized(readKey.key))).status, 200, "a read key reads");
  const byReadKey = await fetch(`${app}/api/admin/policy`, {
    method: "PUT",
    headers: { ...authorized(readKey.key).headers, "content-type": "application/json" },
    body: JSON.stringify({ privateTargetRoles: [] }),
  });
  assert.equal(byReadKey.status, 403, "a read key does not change it");
  for (const bad of [{ privateTargetRoles: ["root"] }, { privateTargetRoles: ["admin", "admin"] }, { privateTargetRoles: "admin" }, {}]) {
    const response = await root.fetch(`${app}/api/admin/policy`, fromApp("PUT", bad));
    assert.equal(response.status, 400, JSON.stringify(bad));
  }
  assert.equal((await asJson<InstancePolicy>(await root.fetch(`${app}/api/admin/policy`))).updatedAt, null, "refused changes changed nothing");
});

test("narrowed to team owners: other roles' replays are refused with the reason and never sent; team owners and admins still reach the target", async () => {
  const set = await asJson<InstancePolicy>(await setPolicy(root, ["team_owner"]));
  assert.deepEqual(set.privateTargetRoles, ["team_owner", "admin"], "admins always keep it");
  assert.ok(set.updatedAt);

  for (const [bin, who, label] of [
    [tokenBin, null, "as-owner-token"],
    [annsBin, ann, "as-account"],
    [teamBin, mo, "as-team-member"],
  ] as const) {
    const delivery = await replay(bin, who, label);
    assert.equal(delivery.status, "dead", label);
    assert.equal(delivery.attemptLog[0]?.outcome, "blocked", label);
    assert.match(delivery.lastError ?? "", /instance's admins let only these reach private addresses: team owners on team bins; admins/, label);
    assert.equal(reached(label), false, `${label} never reached the target`);
  }
  for (const [bin, who, label] of [
    [teamBin, tina, "as-team-owner"],
    [annsBin, root, "as-admin"],
  ] as const) {
    const delivery = await replay(bin, who, label);
    assert.equal(delivery.status, "succeeded", label);
    assert.ok(reached(label), label);
  }

  const log = await asJson<AuditList>(await root.fetch(`${app}/api/admin/audit`));
  assert.equal(log.entries[0]?.action, "policy.private_targets");
  assert.equal(log.entries[0]?.actor, "root@example.test");
  assert.deepEqual(log.entries[0]?.detail, { before: ["owner_token", "account", "team_member", "team_owner", "admin"], after: ["team_owner", "admin"] });
  assert.equal((await tina.fetch(`${app}/api/admin/audit`)).status, 403);
});

test("an auto-forward is sent for whoever last set it up, and a policy narrowed later holds back the next sends of a forward set up before", async () => {
  await asJson(await setPolicy(root, ["team_owner"]));
  const forwardTo = (label: string) => fromApp("PATCH", { settings: { forward: { enabled: true, url: `${target.url}/${label}`, maxAttempts: 1 } } });
  const forwardsOf = async (bin: CreatedBin, jar: CookieJar) =>
    (await asJson<{ deliveries: DeliveryDetail[] }>(await jar.fetch(`${app}/api/bins/${bin.id}/deliveries`))).deliveries.filter((d) => d.kind === "forward");

  // A team's member may not set a forward up at all (it configures the bin); an account on its own bin may, but not reach private addresses.
  assert.equal((await mo.fetch(`${app}/api/bins/${teamBin.id}`, forwardTo("fwd-member"))).status, 403);
  await asJson(await ann.fetch(`${app}/api/bins/${annsBin.id}`, forwardTo("fwd-account")));
  assert.equal((await fetch(`${annsBin.captureUrl}/a`, { method: "POST", body: "a" })).status, 200);
  const [blocked] = await waitUntil(
    async () => {
      const list = await forwardsOf(annsBin, ann);
      return list[0]?.status === "dead" && list;
    },
    15_000,
    "the account's forward to be refused",
  );
  assert.equal(blocked!.attemptLog[0]?.outcome, "blocked");
  assert.equal(reached("fwd-account/a"), false);

  await asJson(await tina.fetch(`${app}/api/bins/${teamBin.id}`, forwardTo("fwd-owner")));
  assert.equal((await fetch(`${teamBin.captureUrl}/b`, { method: "POST", body: "b" })).status, 200);
  await waitUntil(
    async () => (await forwardsOf(teamBin, tina)).some((d) => d.targetUrl.endsWith("/fwd-owner/b") && d.status === "succeeded"),
    15_000,
    "the owner's forward",
  );
  assert.ok(reached("fwd-owner/b"));

  // Narrowed after the forward was set up by a team owner: the next send is refused too.
  await asJson(await setPolicy(root, []));
  assert.equal((await fetch(`${teamBin.captureUrl}/c`, { method: "POST", body: "c" })).status, 200);
  await waitUntil(
    async () => (await forwardsOf(teamBin, tina)).some((d) => d.targetUrl.endsWith("/fwd-owner/c") && d.status === "dead"),
    15_000,
    "the refusal",
  );
  assert.equal(reached("fwd-owner/c"), false);
});
