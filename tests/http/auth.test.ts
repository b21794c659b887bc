import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { io, type Socket } from "socket.io-client";
import type { BinInfo, ClientToServerEvents, CreatedBin, JoinBinAck, Me, ServerToClientEvents } from "@/lib/shared/api-types";
import { authorized, createBin } from "../helpers/http";
import { CookieJar, signInWithoutBrowser, startIdentityProvider, type TestIdentityProvider } from "../helpers/oidc";
import { freePort, startServer, type RunningServer } from "../helpers/server";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let idp: TestIdentityProvider;
let server: RunningServer;
let app: string;

before(async () => {
  const port = await freePort();
  app = `http://127.0.0.1:${port}`;
  idp = await startIdentityProvider([app]);
  server = await startServer(idp.env(app), { port });
});

after(async () => {
  await server?.stop();
  await idp?.stop();
});

/** A change as the app's own pages send it: JSON, from the app's origin, with the browser's cookies. */
function fromApp(jar: CookieJar, method: string, json?: unknown, extra: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { origin: app, "content-type": "application/json", ...extra },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  };
}

async function me(jar: CookieJar): Promise<Me> {
  return (await (await jar.fetch(`${app}/api/me`)).json()) as Me;
}

async function createAs(jar: CookieJar): Promise<CreatedBin> {
  const response = await jar.fetch(`${app}/api/bins`, fromApp(jar, "POST", {}));
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as CreatedBin;
}

function connect(jar: CookieJar | null, origin: string = app): ClientSocket {
  const extraHeaders: Record<string, string> = { origin };
  if (jar) extraHeaders.cookie = jar.header();
  return io(app, { transports: ["websocket"], reconnection: false, extraHeaders });
}

async function join(socket: ClientSocket, binId: string): Promise<JoinBinAck> {
  return socket.timeout(10_000).emitWithAck("bin:join", { binId });
}

test("signed out, /api/me says sign-in is on and nobody is signed in", async () => {
  assert.deepEqual(await me(new CookieJar()), { signIn: { enabled: true, required: false }, user: null });
});

test("signing in through the provider sets an httpOnly, SameSite session cookie and /api/me names the user", async () => {
  const jar = await signInWithoutBrowser(app, "alice");
  const { user } = await me(jar);
  assert.equal(user?.email, "alice@example.test");
  assert.equal(user?.isAdmin, true, "without ADMIN_EMAILS, the first account to sign in is the admin");
  assert.equal(user?.name, "User alice");
  const again = await signInWithoutBrowser(app, "alice");
  assert.equal((await me(again)).user?.id, user?.id, "the same (issuer, subject) is the same account");
  assert.notEqual(again.header(), jar.header(), "each browser has its own session");
});

test("the session cookie's attributes", async () => {
  const appJar = new CookieJar();
  const start = await appJar.fetch(`${app}/api/auth/login`);
  assert.equal(start.status, 302);
  const flowCookie = start.headers.getSetCookie().join("\n");
  assert.match(flowCookie, /hookscope_oidc=.*Path=\/api\/auth\/callback.*HttpOnly.*SameSite=Lax/);
  const redirect = new URL(start.headers.get("location")!);
  assert.equal(redirect.origin, idp.issuer);
  assert.equal(redirect.searchParams.get("code_challenge_method"), "S256");
  assert.ok(redirect.searchParams.get("nonce") && redirect.searchParams.get("state"));
});

test("a callback with the wrong state, or with no sign-in started here, is refused with 400 and no session", async () => {
  const jar = new CookieJar();
  await jar.fetch(`${app}/api/auth/login`);
  const forged = await jar.fetch(`${app}/api/auth/callback?code=abc&state=not-the-state&iss=${encodeURIComponent(idp.issuer)}`);
  assert.equal(forged.status, 400);
  assert.match(((await forged.json()) as { error: { message: string } }).error.message, /refused/);
  const fresh = await new CookieJar().fetch(`${app}/api/auth/callback?code=abc&state=x`);
  assert.equal(fresh.status, 400);
  const denied = await jar.fetch(`${app}/api/auth/callback?error=access_denied&error_description=no`);
  assert.equal(denied.status, 400);
  assert.equal((await me(jar)).user, null);
});

test("returnTo comes back to a path on this app only", async () => {
  const jar = await signInWithoutBrowser(app, "carol", "/bins/abc?x=1");
  assert.ok(jar.cookies.size > 0);
  const evil = new CookieJar();
  for (const returnTo of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
    const start = await evil.fetch(`${app}/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
    const flow = evil.cookies.get("hookscope_oidc")!;
    assert.equal((JSON.parse(Buffer.from(flow, "base64url").toString()) as { returnTo: string }).returnTo, "/", returnTo);
    assert.equal(start.status, 302);
  }
});

test("a bin created signed in follows the account to a second browser, and no one else opens it", async () => {
  const first = await signInWithoutBrowser(app, "dana");
  const second = await signInWithoutBrowser(app, "dana");
  const other = await signInWithoutBrowser(app, "erin");
  const bin = await createAs(first);
  const seen = await second.fetch(`${app}/api/bins/${bin.id}`);
  assert.equal(seen.status, 200);
  const info = (await seen.json()) as BinInfo;
  assert.equal(info.role, "owner");
  assert.equal(info.followsAccount, true);
  assert.equal((await me(other)).user?.isAdmin, false, "only the first account");
  assert.equal((await second.fetch(`${app}/api/bins/${bin.id}/requests`)).status, 200);
  assert.equal((await other.fetch(`${app}/api/bins/${bin.id}`)).status, 404, "another user");
  assert.equal((await fetch(`${app}/api/bins/${bin.id}`)).status, 404, "no session");
  assert.equal((await other.fetch(`${app}/api/bins/${bin.id}`, fromApp(other, "DELETE"))).status, 404, "another user cannot delete");
  const listed = (await (await second.fetch(`${app}/api/me/bins`)).json()) as { bins: { id: string }[] };
  assert.ok(listed.bins.some((entry) => entry.id === bin.id));
  const othersList = (await (await other.fetch(`${app}/api/me/bins`)).json()) as { bins: { id: string }[] };
  assert.ok(!othersList.bins.some((entry) => entry.id === bin.id));
  assert.equal((await fetch(`${app}/api/me/bins`)).status, 401);
  // The owner token handed out at creation still works on its own.
  assert.equal((await fetch(`${app}/api/bins/${bin.id}`, authorized(bin.ownerToken))).status, 200);
});

test("cross-site changes with the session cookie are refused with 403; the same change from the app passes", async () => {
  const jar = await signInWithoutBrowser(app, "frank");
  const bin = await createAs(jar);
  const url = `${app}/api/bins/${bin.id}`;
  const patch = { maxRequests: 50 };
  const crossSite = await jar.fetch(url, fromApp(jar, "PATCH", patch, { origin: "http://evil.example" }));
  assert.equal(crossSite.status, 403);
  const nullOrigin = await jar.fetch(url, fromApp(jar, "PATCH", patch, { origin: "null" }));
  assert.equal(nullOrigin.status, 403);
  // What an HTML form on another site sends: a form type, no script-set headers.
  const formPost = await jar.fetch(`${app}/api/bins`, { method: "POST", headers: { "content-type": "text/plain", origin: "http://evil.example" }, body: "{}" });
  assert.equal(formPost.status, 403);
  const sameOriginForm = await jar.fetch(url, fromApp(jar, "PATCH", patch, { "content-type": "text/plain" }));
  assert.equal(sameOriginForm.status, 403, "a form type is refused even from the app's origin");
  const noOrigin = await jar.fetch(url, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) });
  assert.equal(noOrigin.status, 403, "no Origin and no Sec-Fetch-Site: same-origin");
  const fetchMetadata = await jar.fetch(url, {
    method: "PATCH",
    headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
    body: JSON.stringify(patch),
  });
  assert.equal(fetchMetadata.status, 200);
  const unchanged = (await (await jar.fetch(url)).json()) as BinInfo;
  assert.equal(unchanged.maxRequests, 50, "only the same-origin change applied");
  const logout = await jar.fetch(`${app}/api/auth/logout`, fromApp(jar, "POST", {}, { origin: "http://evil.example" }));
  assert.equal(logout.status, 403, "signing out is a change too");
  assert.ok((await me(jar)).user);
});

test("a browser-owned bin is claimed into the account with its owner token and the session", async () => {
  const grace = await signInWithoutBrowser(app, "grace");
  const heidi = await signInWithoutBrowser(app, "heidi");
  const bin = await createBin(app);
  const claimUrl = `${app}/api/bins/${bin.id}/claim`;
  assert.equal((await grace.fetch(`${app}/api/bins/${bin.id}`)).status, 404, "not hers until claimed");
  assert.equal((await fetch(claimUrl, { method: "POST", ...authorized(bin.ownerToken) })).status, 401, "no session");
  assert.equal((await grace.fetch(claimUrl, fromApp(grace, "POST", {}, { authorization: "Bearer wrong-token" }))).status, 404);
  assert.equal(
    (await grace.fetch(claimUrl, fromApp(grace, "POST", {}, { authorization: `Bearer ${new URL(bin.shareUrl).hash.replace("#share=", "")}` }))).status,
    403,
    "a share token cannot claim",
  );
  assert.equal(
    (await grace.fetch(claimUrl, fromApp(grace, "POST", {}, { authorization: `Bearer ${bin.ownerToken}`, origin: "http://evil.example" }))).status,
    403,
  );
  const claimed = await grace.fetch(claimUrl, fromApp(grace, "POST", {}, { authorization: `Bearer ${bin.ownerToken}` }));
  assert.equal(claimed.status, 200);
  assert.equal(((await claimed.json()) as BinInfo).followsAccount, true);
  assert.equal((await grace.fetch(`${app}/api/bins/${bin.id}`)).status, 200);
  const taken = await heidi.fetch(claimUrl, fromApp(heidi, "POST", {}, { authorization: `Bearer ${bin.ownerToken}` }));
  assert.equal(taken.status, 409, "a bin in another account stays there");
  assert.equal((await heidi.fetch(`${app}/api/bins/${bin.id}`)).status, 404);
});

test("a socket joins an account's bin by its session, only from the app's origin, and signing out everywhere ends every session and socket", async () => {
  const laptop = await signInWithoutBrowser(app, "ivan");
  const phone = await signInWithoutBrowser(app, "ivan");
  const bin = await createAs(laptop);
  const sockets: ClientSocket[] = [];
  try {
    const anonymous = connect(null);
    const crossSite = connect(phone, "http://evil.example");
    const live = connect(phone);
    sockets.push(anonymous, crossSite, live);
    assert.equal((await join(anonymous, bin.id)).ok, false);
    assert.equal((await join(crossSite, bin.id)).ok, false, "a page on another origin does not get the session");
    assert.equal((await join(live, bin.id)).ok, true);
    const captured = new Promise<string>((resolve) => live.once("request:new", (summary) => resolve(summary.id)));
    const capture = await fetch(`${app}/h/${bin.id}/hello`, { method: "POST", body: "hi" });
    assert.equal(await captured, capture.headers.get("x-hookscope-request-id"));

    const disconnected = new Promise<string>((resolve) => live.once("disconnect", resolve));
    const logout = await laptop.fetch(`${app}/api/auth/logout`, fromApp(laptop, "POST", { everywhere: true }));
    assert.equal(logout.status, 200);
    assert.deepEqual(await logout.json(), { ended: 2 });
    assert.ok(logout.headers.getSetCookie().some((cookie) => /hookscope_session=;.*Max-Age=0/.test(cookie)));
    assert.equal(await disconnected, "io server disconnect");
    assert.equal((await me(phone)).user, null, "the other browser is signed out too");
    assert.equal((await phone.fetch(`${app}/api/bins/${bin.id}`)).status, 404);
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
});

test("signing out one browser leaves the account's other sessions", async () => {
  const one = await signInWithoutBrowser(app, "judy");
  const two = await signInWithoutBrowser(app, "judy");
  const response = await one.fetch(`${app}/api/auth/logout`, fromApp(one, "POST", {}));
  assert.deepEqual(await response.json(), { ended: 1 });
  assert.equal((await me(one)).user, null);
  assert.equal((await me(two)).user?.email, "judy@example.test");
});

test("capture answers are sandboxed and never set cookies on the app's origin", async () => {
  const bin = await createBin(app);
  const answer = await fetch(`${app}/h/${bin.id}`);
  assert.equal(answer.headers.get("content-security-policy"), "sandbox");
  const refused = await fetch(`${app}/api/bins/${bin.id}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${bin.ownerToken}`, "content-type": "application/json" },
    body: JSON.stringify({ settings: { response: { headers: [["Set-Cookie", "hookscope_session=attacker"]] } } }),
  });
  assert.equal(refused.status, 400);
  assert.match(((await refused.json()) as { error: { message: string } }).error.message, /Set-Cookie/);
  const html = await fetch(`${app}/api/bins/${bin.id}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${bin.ownerToken}`, "content-type": "application/json" },
    body: JSON.stringify({ settings: { response: { contentType: "text/html", body: "<script>fetch('/api/me')</script>" } } }),
  });
  assert.equal(html.status, 200);
  const page = await fetch(`${app}/h/${bin.id}`);
  assert.equal(page.headers.get("content-type"), "text/html");
  assert.equal(page.headers.get("content-security-policy"), "sandbox");
  assert.equal(page.headers.get("set-cookie"), null);
});
