import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { CreatedBin, DeliveryDetail } from "@/lib/shared/api-types";
import { createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { startTarget, waitUntil } from "../helpers/target";

let target: Awaited<ReturnType<typeof startTarget>>;
let server: RunningServer;
const FAST_RETRIES = { FORWARD_RETRY_BASE_MS: "50", FORWARD_POLL_MS: "50" };

before(async () => {
  target = await startTarget();
  server = await startServer({ OUTBOUND_ALLOW_LIST: `127.0.0.1:${target.port}`, ...FAST_RETRIES });
});
after(async () => {
  await server?.stop();
  await target?.close();
});

function api(s: RunningServer, bin: CreatedBin, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${s.url}/api/bins/${bin.id}${path}`, { ...init, headers: { Authorization: `Bearer ${bin.ownerToken}` } });
}

async function forwardingBin(s: RunningServer, path: string, maxAttempts = 4): Promise<CreatedBin> {
  const bin = await createBin(s.url);
  const response = await api(s, bin, "", {
    method: "PATCH",
    body: JSON.stringify({ settings: { forward: { enabled: true, url: `${target.url}${path}`, maxAttempts } } }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return bin;
}

async function deliveriesOf(s: RunningServer, bin: CreatedBin, query = ""): Promise<DeliveryDetail[]> {
  return ((await (await api(s, bin, `/deliveries${query}`)).json()) as { deliveries: DeliveryDetail[] }).deliveries;
}

test("every new capture is forwarded byte-exact with its subpath and query, after the sender got its answer", async () => {
  const bin = await forwardingBin(server, "/local/hooks");
  const body = randomBytes(10_000);
  let targetAnsweredAt = 0;
  target.setHandler((_req, res) => {
    setTimeout(() => {
      targetAnsweredAt = Date.now();
      res.end("ok");
    }, 300);
  });
  const response = await fetch(`${bin.captureUrl}/stripe/events?x=1`, { method: "PATCH", body, headers: { "X-Sig": "abc" } });
  const capturedAt = Date.now();
  assert.equal(response.status, 200);
  const [delivery] = await waitUntil(
    async () => {
      const list = await deliveriesOf(server, bin);
      return list[0]?.status === "succeeded" && list;
    },
    10_000,
    "the forward to succeed",
  );
  target.setHandler(undefined);
  assert.ok(capturedAt < targetAnsweredAt, "the sender's answer did not wait for the forward");
  const got = target.received.find((r) => r.url === "/local/hooks/stripe/events?x=1");
  assert.ok(got, "the target got the request with subpath and query");
  assert.equal(got.method, "PATCH");
  assert.ok(got.body.equals(body));
  assert.ok(got.rawHeaders.some(([name, value]) => name === "X-Sig" && value === "abc"));
  assert.equal(delivery!.kind, "forward");
  assert.equal(delivery!.attemptLog.length, 1);
});

test("a target that fails twice then succeeds: three attempts, all in the log", async () => {
  const bin = await forwardingBin(server, "/flaky");
  let calls = 0;
  target.setHandler((_req, res) => {
    calls++;
    res.statusCode = calls <= 2 ? 503 : 200;
    res.end(calls <= 2 ? "busy" : "ok");
  });
  await fetch(bin.captureUrl, { method: "POST", body: "retry me" });
  const [delivery] = await waitUntil(
    async () => {
      const list = await deliveriesOf(server, bin);
      return list[0]?.status === "succeeded" && list;
    },
    10_000,
    "the third attempt",
  );
  target.setHandler(undefined);
  assert.deepEqual(
    delivery!.attemptLog.map((a) => [a.outcome, a.status]),
    [
      ["http_error", 503],
      ["http_error", 503],
      ["succeeded", 200],
    ],
  );
  assert.equal(delivery!.attempts, 3);
});

test("Retry-After is honoured", async () => {
  const bin = await forwardingBin(server, "/slow-down");
  let calls = 0;
  target.setHandler((_req, res) => {
    calls++;
    if (calls === 1) res.writeHead(429, { "Retry-After": "1" }).end();
    else res.end("ok");
  });
  await fetch(bin.captureUrl, { method: "POST" });
  const [delivery] = await waitUntil(
    async () => {
      const list = await deliveriesOf(server, bin);
      return list[0]?.status === "succeeded" && list;
    },
    10_000,
    "the retry",
  );
  target.setHandler(undefined);
  const [first, second] = delivery!.attemptLog;
  const gap = Date.parse(second!.startedAt) - Date.parse(first!.startedAt);
  assert.ok(gap >= 950, `retried after ${gap} ms despite Retry-After: 1`);
});

test("a target that always fails ends in the dead-letter list; retry sends it again", async () => {
  const bin = await forwardingBin(server, "/down", 3);
  target.setHandler((_req, res) => res.writeHead(500).end("nope"));
  await fetch(bin.captureUrl, { method: "POST", body: "doomed" });
  const [dead] = await waitUntil(
    async () => {
      const list = await deliveriesOf(server, bin, "?status=dead");
      return list.length > 0 && list;
    },
    10_000,
    "the dead letter",
  );
  assert.equal(dead!.attempts, 3);
  assert.match(dead!.lastError ?? "", /500/);
  target.setHandler(undefined);
  const retried = await api(server, bin, `/deliveries/${dead!.id}/retry`, { method: "POST" });
  assert.equal(retried.status, 202);
  await waitUntil(async () => (await deliveriesOf(server, bin))[0]?.status === "succeeded", 10_000, "the retried delivery");
  assert.deepEqual(await deliveriesOf(server, bin, "?status=dead"), []);
});

test("a restart in the middle resumes pending deliveries", async () => {
  const restartable = await startServer({ OUTBOUND_ALLOW_LIST: `127.0.0.1:${target.port}`, FORWARD_RETRY_BASE_MS: "1500", FORWARD_POLL_MS: "50" });
  const { databaseUrl } = restartable;
  const bin = await forwardingBin(restartable, "/after-restart", 5);
  target.setHandler((_req, res) => res.writeHead(503).end());
  await fetch(bin.captureUrl, { method: "POST", body: "survive" });
  await waitUntil(async () => (await deliveriesOf(restartable, bin))[0]?.attempts === 1, 10_000, "the first failed attempt");
  await restartable.stop();
  // On a busy machine the first server may retry once more before it stops: each attempt counts.
  const failedBeforeRestart = target.received.filter((r) => r.url === "/after-restart").length;
  target.setHandler(undefined);
  const before = target.received.length;
  const again = await startServer({ OUTBOUND_ALLOW_LIST: `127.0.0.1:${target.port}`, FORWARD_RETRY_BASE_MS: "50", FORWARD_POLL_MS: "50" }, { databaseUrl });
  try {
    const [delivery] = await waitUntil(
      async () => {
        const list = await deliveriesOf(again, bin);
        return list[0]?.status === "succeeded" && list;
      },
      15_000,
      "the resumed delivery",
    );
    assert.ok(failedBeforeRestart >= 1);
    assert.equal(delivery!.attempts, failedBeforeRestart + 1);
    assert.equal(target.received.slice(before).filter((r) => r.url === "/after-restart").length, 1, "sent once after the restart");
  } finally {
    await again.stop();
  }
});

test("retention does not prune a capture before auto-forward has delivered it", async () => {
  // Keeps 20, while a slow target makes the deliveries fall far behind a burst of 120.
  const small = await startServer({
    OUTBOUND_ALLOW_LIST: `127.0.0.1:${target.port}`,
    ...FAST_RETRIES,
    BIN_MAX_REQUESTS: "20",
    RATE_LIMIT_PER_BIN: "0",
    RATE_LIMIT_PER_ADDRESS: "0",
  });
  target.setHandler((_req, res) => setTimeout(() => res.end("ok"), 5));
  try {
    const bin = await forwardingBin(small, "/kept");
    for (let n = 0; n < 120; n += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, k) => fetch(`${bin.captureUrl}/${n + k}`, { method: "POST", body: String(n + k) })));
      assert.ok(batch.every((response) => response.status === 200));
    }
    await waitUntil(() => new Set(target.received.filter((r) => r.url.startsWith("/kept/")).map((r) => r.url)).size >= 120, 60_000, "every capture forwarded");
    // Once delivered, the next capture prunes them down to the limit as usual (it may itself still be undelivered).
    assert.equal((await fetch(`${bin.captureUrl}/last`, { method: "POST", body: "last" })).status, 200);
    const page = await waitUntil(
      async () => {
        const list = (await (await api(small, bin, "/requests?limit=200")).json()) as { requests: unknown[] };
        return list.requests.length <= 21 && list;
      },
      10_000,
      "pruning after delivery",
    );
    assert.ok(page.requests.length > 0);
  } finally {
    target.setHandler(undefined);
    await small.stop();
  }
});

test("forwarding settings are validated", async () => {
  const bin = await createBin(server.url);
  const noUrl = await api(server, bin, "", { method: "PATCH", body: JSON.stringify({ settings: { forward: { enabled: true } } }) });
  assert.equal(noUrl.status, 400);
  const badUrl = await api(server, bin, "", { method: "PATCH", body: JSON.stringify({ settings: { forward: { url: "ftp://x" } } }) });
  assert.equal(badUrl.status, 400);
});
