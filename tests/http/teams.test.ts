import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { BinInfo, CreatedApiKey, CreatedBin, CreatedInvite, TeamDetail } from "@/lib/shared/api-types";
import { executeSql } from "../helpers/database";
import { createBin, authorized } from "../helpers/http";
import { CookieJar, signInWithoutBrowser, startIdentityProvider, type TestIdentityProvider, fromOrigin } from "../helpers/oidc";
import { freePort, startServer, type RunningServer } from "../helpers/server";

let idp: TestIdentityProvider;
let server: RunningServer;
let app: string;
let alice: CookieJar;
let bob: CookieJar;
let carol: CookieJar;
let dave: CookieJar;
let team: TeamDetail;
let teamBin: CreatedBin;

const fromApp = (method: string, body?: unknown): RequestInit => fromOrigin(app, method, body);

async function call(jar: CookieJar, path: string, init: RequestInit = {}): Promise<Response> {
  return jar.fetch(`${app}${path}`, init);
}

async function invite(role: "owner" | "member" | "viewer"): Promise<string> {
  const response = await call(alice, `/api/teams/${team.id}/invites`, fromApp("POST", { role }));
  assert.equal(response.status, 201);
  const created = (await response.json()) as CreatedInvite;
  assert.equal(created.role, role);
  assert.match(created.url, new RegExp(`^${app}/invite#token=`));
  return new URL(created.url).hash.replace("#token=", "");
}

async function accept(jar: CookieJar, token: string): Promise<Response> {
  return call(jar, "/api/invites/accept", fromApp("POST", { token }));
}

before(
  async () => {
    const port = await freePort();
    app = `http://127.0.0.1:${port}`;
    idp = await startIdentityProvider([app]);
    server = await startServer(idp.env(app), { port });
    alice = await signInWithoutBrowser(app, "alice");
    bob = await signInWithoutBrowser(app, "bob");
    carol = await signInWithoutBrowser(app, "carol");
    dave = await signInWithoutBrowser(app, "dave");
    const created = await call(alice, "/api/teams", fromApp("POST", { name: "Payments" }));
    assert.equal(created.status, 201);
    team = (await created.json()) as TeamDetail;
    assert.equal((await accept(bob, await invite("member"))).status, 200);
    assert.equal((await accept(carol, await invite("viewer"))).status, 200);
    const made = await call(alice, "/api/bins", fromApp("POST", { team: team.id }));
    assert.equal(made.status, 201);
    teamBin = (await made.json()) as CreatedBin;
  },
  { timeout: 90_000 },
);

after(async () => {
  await server?.stop();
  await idp?.stop();
});

test("the team lists its members with their roles, for members only", async () => {
  const seen = (await (await call(carol, `/api/teams/${team.id}`)).json()) as TeamDetail;
  assert.equal(seen.role, "viewer");
  assert.deepEqual(
    seen.members.map((member) => [member.email, member.role]),
    [
      ["alice@example.test", "owner"],
      ["bob@example.test", "member"],
      ["carol@example.test", "viewer"],
    ],
  );
  assert.equal((await call(dave, `/api/teams/${team.id}`)).status, 404);
  const bobsTeams = (await (await call(bob, "/api/teams")).json()) as { teams: { id: string; role: string }[] };
  assert.deepEqual(bobsTeams.teams, [{ id: team.id, name: "Payments", role: "member" }]);
});

test("a team bin opens for each member by their role, and for nobody else", async () => {
  const path = `/api/bins/${teamBin.id}`;
  const asBob = (await (await call(bob, path)).json()) as BinInfo;
  assert.equal(asBob.role, "operator", "a member uses the team's bins");
  const bobConfigures = await call(bob, path, fromApp("PATCH", { maxRequests: 40 }));
  assert.equal(bobConfigures.status, 403, "but does not configure them");
  assert.match(((await bobConfigures.json()) as { error: { message: string } }).error.message, /Only the bin's owners change its configuration/);
  assert.equal((await call(bob, `${path}/requests`, fromApp("DELETE"))).status, 204, "a member clears the team bin's requests");
  assert.equal((await call(alice, path, fromApp("PATCH", { maxRequests: 40 }))).status, 200, "the team's owner configures it");
  const asCarol = (await (await call(carol, path)).json()) as BinInfo;
  assert.equal(asCarol.role, "viewer");
  assert.equal((await call(carol, path, fromApp("PATCH", { maxRequests: 41 }))).status, 403);
  assert.equal((await call(carol, `${path}/requests`)).status, 200);
  assert.equal((await call(dave, path)).status, 404);
  assert.equal((await fetch(`${app}${path}`)).status, 404);
  const carolsBins = (await (await call(carol, "/api/me/bins")).json()) as { bins: { id: string; team: { name: string } | null }[] };
  assert.deepEqual(carolsBins.bins.find((bin) => bin.id === teamBin.id)?.team?.name, "Payments");
  assert.ok(!((await (await call(dave, "/api/me/bins")).json()) as { bins: { id: string }[] }).bins.some((bin) => bin.id === teamBin.id));
});

test("only members who may change the team's bins create or claim bins into it", async () => {
  assert.equal((await call(carol, "/api/bins", fromApp("POST", { team: team.id }))).status, 403, "a viewer");
  assert.equal((await call(dave, "/api/bins", fromApp("POST", { team: team.id }))).status, 404, "not in the team");
  assert.equal(
    (await fetch(`${app}/api/bins`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ team: team.id }) })).status,
    401,
  );
  const loose = await createBin(app);
  const claimed = await call(bob, `/api/bins/${loose.id}/claim`, {
    ...fromApp("POST", { team: team.id }),
    headers: { ...authorized(loose.ownerToken).headers, origin: app, "content-type": "application/json" },
  });
  assert.equal(claimed.status, 200);
  assert.equal(((await (await call(carol, `/api/bins/${loose.id}`)).json()) as BinInfo).role, "viewer", "the claimed bin is the team's now");
  const again = await call(dave, `/api/bins/${loose.id}/claim`, {
    ...fromApp("POST", {}),
    headers: { ...authorized(loose.ownerToken).headers, origin: app, "content-type": "application/json" },
  });
  assert.equal(again.status, 409, "a team's bin is not taken into an account by its owner token");
});

test("a member's API key carries their team role, capped by the key's scope", async () => {
  const made = await call(bob, "/api/me/api-keys", fromApp("POST", { name: "ci", scope: "read" }));
  const key = (await made.json()) as CreatedApiKey;
  const info = (await (await fetch(`${app}/api/bins/${teamBin.id}`, authorized(key.key))).json()) as BinInfo;
  assert.equal(info.role, "viewer");
});

test("invitations work once, expire, and are created by team owners only", async () => {
  const token = await invite("member");
  assert.equal((await accept(dave, token)).status, 200);
  assert.equal((await accept(dave, token)).status, 400, "used");
  const daveUsed = await call(dave, `/api/teams/${team.id}`);
  assert.equal(daveUsed.status, 200);
  assert.equal((await accept(bob, "not-a-token")).status, 400);
  const stale = await invite("viewer");
  const hash = createHash("sha256").update(stale).digest("hex");
  await executeSql(server.databaseUrl, `UPDATE "TeamInvite" SET "expiresAt" = "createdAt" WHERE "tokenHash" = '${hash}'`);
  assert.equal((await accept(carol, stale)).status, 400, "expired");
  assert.equal((await call(bob, `/api/teams/${team.id}/invites`, fromApp("POST", { role: "owner" }))).status, 403, "a member cannot invite");
  assert.equal((await call(alice, `/api/teams/${team.id}/invites`, fromApp("POST", { role: "admin" }))).status, 400);
  assert.equal((await call(alice, `/api/teams/${team.id}/invites`, fromApp("POST", { role: "member", expiresInHours: 721 }))).status, 400);
  const crossSite = await call(alice, `/api/teams/${team.id}/invites`, {
    ...fromApp("POST", { role: "member" }),
    headers: { origin: "http://evil.example", "content-type": "application/json" },
  });
  assert.equal(crossSite.status, 403);
  assert.equal((await accept(new CookieJar(), token)).status, 401, "signed out");
});

test("owners change roles and remove members, members leave, and a team always keeps an owner", async () => {
  const daveId = ((await (await call(dave, "/api/me")).json()) as { user: { id: string } }).user.id;
  const aliceId = ((await (await call(alice, "/api/me")).json()) as { user: { id: string } }).user.id;
  assert.equal((await call(bob, `/api/teams/${team.id}/members/${daveId}`, fromApp("PATCH", { role: "viewer" }))).status, 403, "a member cannot change roles");
  const changed = await call(alice, `/api/teams/${team.id}/members/${daveId}`, fromApp("PATCH", { role: "viewer" }));
  assert.equal(changed.status, 200);
  assert.equal(((await (await call(dave, `/api/bins/${teamBin.id}`)).json()) as BinInfo).role, "viewer");
  assert.equal((await call(alice, `/api/teams/${team.id}/members/${aliceId}`, fromApp("PATCH", { role: "member" }))).status, 409, "the last owner");
  assert.equal((await call(alice, `/api/teams/${team.id}/members/${aliceId}`, fromApp("DELETE"))).status, 409);
  assert.equal((await call(alice, `/api/teams/${team.id}/members/${daveId}`, fromApp("DELETE"))).status, 204);
  assert.equal((await call(dave, `/api/bins/${teamBin.id}`)).status, 404, "a removed member loses the team's bins at once");
  const bobId = ((await (await call(bob, "/api/me")).json()) as { user: { id: string } }).user.id;
  assert.equal((await call(bob, `/api/teams/${team.id}/members/${bobId}`, fromApp("DELETE"))).status, 204, "anyone may leave");
  assert.equal((await call(bob, `/api/bins/${teamBin.id}`)).status, 404);
});

test("team owners read who invited, joined, changed and removed whom; members cannot", async () => {
  const response = await call(alice, `/api/teams/${team.id}/audit`);
  assert.equal(response.status, 200);
  const { entries } = (await response.json()) as { entries: { actor: string; action: string; detail: Record<string, unknown> }[] };
  const actions = entries.map((entry) => `${entry.actor} ${entry.action}`);
  assert.ok(actions.includes("bob@example.test member.left"), actions.join("\n"));
  assert.ok(actions.includes("alice@example.test member.removed"));
  assert.equal(entries.find((entry) => entry.action === "member.removed")?.detail.member, "dave@example.test", "the removed member by email");
  assert.ok(actions.includes("alice@example.test member.role"));
  assert.ok(actions.includes("carol@example.test team.joined"));
  assert.ok(actions.includes("alice@example.test team.invited"));
  assert.equal((await call(carol, `/api/teams/${team.id}/audit`)).status, 403);
});
