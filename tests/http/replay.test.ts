import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { BinSettings } from "@/lib/shared/settings/settings";
import type { CreatedBin, DeliveryDetail } from "@/lib/shared/api-types";
import { createBin, sendRaw } from "../helpers/http";
import { freePort, startServer, type RunningServer } from "../helpers/server";
import { startTarget } from "../helpers/target";
import { verifyRequest } from "@/lib/server/signatures";

let target: Awaited<ReturnType<typeof startTarget>>;
let server: RunningServer;
let bin: CreatedBin;

before(async () => {
  target = await startTarget();
  server = await startServer({ OUTBOUND_ALLOW_LIST: `127.0.0.1:${target.port}`, FORWARD_RETRY_BASE_MS: "50", FORWARD_POLL_MS: "50" });
  bin = await createBin(server.url);
});
after(async () => {
  await server?.stop();
  await target?.close();
});

async function owner(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}/api/bins/${bin.id}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${bin.ownerToken}`, "Content-Type": "application/json" },
  });
}

async function replay(requestId: string, body: object): Promise<DeliveryDetail> {
  const response = await owner(`/requests/${requestId}/replay`, { method: "POST", body: JSON.stringify(body) });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as DeliveryDetail;
}

async function capture(path = "/hook", body: Buffer = randomBytes(2048)): Promise<string> {
  const response = await sendRaw(
    server.port,
    Buffer.concat([
      Buffer.from(
        `POST /h/${bin.id}${path}?a=1&a=2 HTTP/1.1\r\nHost: sender.test\r\nX-Sig: s1\r\nContent-Type: application/octet-stream\r\n` +
          `x-sig: s2\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n`,
      ),
      body,
    ]),
  );
  const id = /x-hookscope-request-id: (\S+)/i.exec(response.head)?.[1];
  assert.ok(id, response.head);
  return id;
}

describe("replay", () => {
  test("re-sends method, headers and the exact body bytes; the answer is shown and kept", async () => {
    const body = randomBytes(4096);
    const id = await capture("/orders", body);
    target.setHandler((_req, res) => {
      res.setHeader("X-Target", "yes");
      res.end('{"received":true}');
    });
    const delivery = await replay(id, { targetUrl: `${target.url}/webhooks/orders` });
    target.setHandler(undefined);
    assert.equal(delivery.status, "succeeded");
    const attempt = delivery.attemptLog[0]!;
    assert.equal(attempt.status, 200);
    assert.equal(attempt.responseBodyText, '{"received":true}');
    assert.ok(attempt.responseHeaders?.some(([name, value]) => name.toLowerCase() === "x-target" && value === "yes"));
    const got = target.received.at(-1)!;
    assert.equal(got.method, "POST");
    assert.equal(got.url, "/webhooks/orders");
    assert.ok(got.body.equals(body), "body bytes differ");
    // Node's client appends its own `Connection: close` last; the captured one must not be relayed.
    assert.deepEqual(
      got.rawHeaders.filter(([name]) => !["host", "content-length"].includes(name.toLowerCase())),
      [
        ["X-Sig", "s1"],
        ["Content-Type", "application/octet-stream"],
        ["x-sig", "s2"],
        ["Connection", "close"],
      ],
      "captured headers in order, the captured hop-by-hop Connection dropped",
    );
    assert.equal(got.rawHeaders.find(([name]) => name.toLowerCase() === "host")?.[1], `127.0.0.1:${target.port}`);
    assert.equal(got.rawHeaders.find(([name]) => name.toLowerCase() === "content-length")?.[1], "4096");

    const settings = (await (await owner("/settings")).json()) as BinSettings;
    assert.equal(settings.lastReplayTarget, `${target.url}/webhooks/orders`);
    const kept = (await (await owner(`/requests/${id}/deliveries`)).json()) as { deliveries: DeliveryDetail[] };
    assert.equal(kept.deliveries[0]?.id, delivery.id);
  });

  test("edits before sending: method, headers, body", async () => {
    const id = await capture();
    const delivery = await replay(id, { targetUrl: `${target.url}/edited`, method: "put", headers: [["X-Edited", "1"]], bodyText: "changed" });
    assert.equal(delivery.status, "succeeded");
    const got = target.received.at(-1)!;
    assert.equal(got.method, "PUT");
    assert.equal(got.body.toString(), "changed");
    assert.ok(got.rawHeaders.some(([name, value]) => name === "X-Edited" && value === "1"));
    assert.ok(!got.rawHeaders.some(([name]) => name.toLowerCase() === "x-sig"));
  });

  test("several selected requests replay in order", async () => {
    const ids = [await capture("/one"), await capture("/two"), await capture("/three")];
    const before = target.received.length;
    const response = await owner("/replay", {
      method: "POST",
      body: JSON.stringify({ targetUrl: `${target.url}/many`, requestIds: [ids[2], ids[0], ids[1]] }),
    });
    assert.equal(response.status, 200);
    const bodies = target.received.slice(before).map((r) => r.url);
    assert.deepEqual(bodies, ["/many", "/many", "/many"]);
    const result = (await response.json()) as { deliveries: DeliveryDetail[] };
    assert.deepEqual(
      result.deliveries.map((d) => d.requestId),
      ids,
    );
  });

  test("a network error is shown in plain words", async () => {
    const id = await capture();
    const closedPort = await freePort();
    const server2 = await startServer({ OUTBOUND_ALLOW_LIST: `127.0.0.1:${closedPort}` }, { databaseUrl: server.databaseUrl, port: await freePort() });
    try {
      const response = await fetch(`${server2.url}/api/bins/${bin.id}/requests/${id}/replay`, {
        method: "POST",
        headers: { Authorization: `Bearer ${bin.ownerToken}` },
        body: JSON.stringify({ targetUrl: `http://127.0.0.1:${closedPort}/x` }),
      });
      const delivery = (await response.json()) as DeliveryDetail;
      assert.equal(delivery.status, "dead");
      assert.equal(delivery.attemptLog[0]?.error?.code, "connection_refused");
      assert.match(delivery.attemptLog[0]!.error!.message, /refused/i);
    } finally {
      await server2.stop();
    }
  });

  test("only the owner may replay", async () => {
    const id = await capture();
    const shareToken = decodeURIComponent(bin.shareUrl.split("#share=")[1]!);
    const response = await fetch(`${server.url}/api/bins/${bin.id}/requests/${id}/replay`, {
      method: "POST",
      headers: { Authorization: `Bearer ${shareToken}` },
      body: JSON.stringify({ targetUrl: `${target.url}/x` }),
    });
    assert.equal(response.status, 403);
  });
});

describe("refused targets", () => {
  const refused = [
    ["loopback on another port", () => `http://127.0.0.1:${target.port + 1}/x`],
    ["a hostname resolving to 127.0.0.1", () => `http://localhost:${target.port + 1}/x`],
    ["a private address", () => "http://10.1.2.3/x"],
    ["the cloud metadata address", () => "http://169.254.169.254/latest/meta-data/"],
    ["IPv4-mapped IPv6 loopback", () => "http://[::ffff:127.0.0.1]:9/x"],
  ] as const;
  for (const [name, url] of refused) {
    test(`refuses ${name}, saying why and how to allow it`, async () => {
      const id = await capture();
      const delivery = await replay(id, { targetUrl: url() });
      assert.equal(delivery.status, "dead");
      const attempt = delivery.attemptLog[0]!;
      assert.equal(attempt.outcome, "blocked");
      assert.equal(attempt.error?.code, "blocked_target");
      assert.match(attempt.error!.message, /(ALLOW_PRIVATE_TARGETS|OUTBOUND_ALLOW_LIST)/);
    });
  }

  test("a redirect to an internal address is refused at the hop", async () => {
    const id = await capture();
    target.setHandler((_req, res) => {
      res.writeHead(307, { Location: "http://169.254.169.254/latest/meta-data/" });
      res.end();
    });
    try {
      const delivery = await replay(id, { targetUrl: `${target.url}/redirect`, followRedirects: true });
      assert.equal(delivery.attemptLog[0]?.error?.code, "blocked_target");
      const notFollowed = await replay(id, { targetUrl: `${target.url}/redirect` });
      assert.equal(notFollowed.attemptLog[0]?.status, 307, "without followRedirects the 307 is the answer");
    } finally {
      target.setHandler(undefined);
    }
  });

  test("ALLOW_PRIVATE_TARGETS permits internal targets", async () => {
    const open = await startServer({ ALLOW_PRIVATE_TARGETS: "1" }, { databaseUrl: server.databaseUrl });
    const other = await startTarget();
    try {
      const id = await capture();
      const response = await fetch(`${open.url}/api/bins/${bin.id}/requests/${id}/replay`, {
        method: "POST",
        headers: { Authorization: `Bearer ${bin.ownerToken}` },
        body: JSON.stringify({ targetUrl: `http://localhost:${other.port}/allowed` }),
      });
      assert.equal(((await response.json()) as DeliveryDetail).status, "succeeded");
      assert.equal(other.received.length, 1);
    } finally {
      await open.stop();
      await other.close();
    }
  });
});

describe("replay re-signed with the bin's secret", () => {
  const STRIPE_SECRET = "whsec_replay_resign_test_secret";
  let stripeId: string;

  before(async () => {
    const added = await owner("/secrets", { method: "POST", body: JSON.stringify({ scheme: "stripe", secret: STRIPE_SECRET }) });
    assert.equal(added.status, 201, await added.clone().text());
    const body = Buffer.from('{"id":"evt_1","type":"invoice.paid"}');
    const response = await sendRaw(
      server.port,
      Buffer.concat([
        Buffer.from(
          `POST /h/${bin.id}/stripe HTTP/1.1\r\nHost: sender.test\r\nContent-Type: application/json\r\n` +
            `Stripe-Signature: t=1500000000,v1=00\r\nX-Other: kept\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n`,
        ),
        body,
      ]),
    );
    stripeId = /x-hookscope-request-id: (\S+)/i.exec(response.head)![1]!;
  });

  test("the target gets a fresh Stripe signature that verifies; the log names what was replaced, never the secret", async () => {
    const delivery = await replay(stripeId, { targetUrl: `${target.url}/stripe`, resign: { scheme: "stripe" } });
    const got = target.received.at(-1)!;
    const verdict = verifyRequest({ method: got.method, url: `${target.url}${got.url}`, headers: got.rawHeaders, body: got.body, receivedAt: got.at }, [
      { scheme: "stripe", secret: STRIPE_SECRET },
    ]);
    assert.equal(verdict.status, "valid", verdict.reason);
    assert.ok(got.rawHeaders.some(([name, value]) => name === "X-Other" && value === "kept"));
    assert.deepEqual(delivery.resigned, { scheme: "stripe", replaced: ["Stripe-Signature"], added: [], bodyChanged: false, urlChanged: false });
    const listed = await owner(`/deliveries?requestId=${stripeId}`);
    const text = await listed.text();
    assert.ok(text.includes('"replaced":["Stripe-Signature"]'), text);
    assert.ok(!text.includes(STRIPE_SECRET));
  });

  test("replaying several requests re-signs each of them", async () => {
    const response = await owner("/replay", {
      method: "POST",
      body: JSON.stringify({ targetUrl: `${target.url}/many`, requestIds: [stripeId], resign: { scheme: "stripe" } }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const { deliveries } = (await response.json()) as { deliveries: DeliveryDetail[] };
    assert.equal(deliveries[0]!.resigned?.scheme, "stripe");
  });

  test("a replay without resign keeps the captured (stale) signature and logs none", async () => {
    const delivery = await replay(stripeId, { targetUrl: `${target.url}/stripe` });
    assert.equal(delivery.resigned, null);
    const got = target.received.at(-1)!;
    assert.ok(got.rawHeaders.some(([name, value]) => name === "Stripe-Signature" && value === "t=1500000000,v1=00"));
  });

  test("refusals are clear and send nothing: no such secret (404), a public-key scheme without its private key (422)", async () => {
    const sent = target.received.length;
    const none = await owner(`/requests/${stripeId}/replay`, { method: "POST", body: JSON.stringify({ targetUrl: target.url, resign: { scheme: "github" } }) });
    assert.equal(none.status, 404);
    assert.match(((await none.json()) as { error: { message: string } }).error.message, /no signature secret for GitHub/);
    const key = "a".repeat(64);
    assert.equal((await owner("/secrets", { method: "POST", body: JSON.stringify({ scheme: "discord", secret: key }) })).status, 201);
    const refused = await owner(`/requests/${stripeId}/replay`, {
      method: "POST",
      body: JSON.stringify({ targetUrl: target.url, resign: { scheme: "discord" } }),
    });
    assert.equal(refused.status, 422);
    assert.match(((await refused.json()) as { error: { message: string } }).error.message, /Discord.*private key/);
    const bad = await owner(`/requests/${stripeId}/replay`, { method: "POST", body: JSON.stringify({ targetUrl: target.url, resign: {} }) });
    assert.equal(bad.status, 400);
    assert.equal(target.received.length, sent);
  });
});
