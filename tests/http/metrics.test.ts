import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { startTarget } from "../helpers/target";

const TOKEN = "metrics-token-for-the-test-0123";
let server: RunningServer;
let target: Awaited<ReturnType<typeof startTarget>>;

before(async () => {
  target = await startTarget();
  server = await startServer({ METRICS_TOKEN: TOKEN, MAX_BODY_BYTES: "1024", OUTBOUND_ALLOW_LIST: "127.0.0.1" });
});
after(async () => Promise.all([server?.stop(), target?.close()]));

async function scrape() {
  const response = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  const families = parsePrometheusTextFormat(await response.text());
  const family = (name: string) => families.find((candidate) => candidate.name === name);
  const value = (name: string, labels: Record<string, string> = {}) =>
    Number(family(name)?.metrics.find((sample) => Object.entries(labels).every(([key, wanted]) => sample.labels?.[key] === wanted))?.value ?? 0);
  return { families, family, value };
}

test("/metrics needs the token, and does not exist without one configured", async () => {
  assert.equal((await fetch(`${server.url}/metrics`)).status, 401);
  assert.equal((await fetch(`${server.url}/metrics`, { headers: { Authorization: "Bearer wrong-token-of-the-same-size" } })).status, 401);
  const plain = await startServer();
  try {
    assert.equal((await fetch(`${plain.url}/metrics`)).status, 404);
  } finally {
    await plain.stop();
  }
});

test("counters move as captures arrive and deliveries are made, and a Prometheus parser reads every family", async () => {
  const bin = await createBin(server.url);
  const before = await scrape();
  for (const name of [
    "hookscope_captures_total",
    "hookscope_capture_duration_seconds",
    "hookscope_deliveries_total",
    "hookscope_database_errors_total",
    "hookscope_live_subscribers",
    "hookscope_forward_queue_depth",
  ]) {
    assert.ok(before.family(name), `${name} is exposed`);
  }

  for (let i = 0; i < 3; i++) assert.equal((await fetch(bin.captureUrl, { method: "POST", body: `{"n":${i}}` })).status, 200);
  assert.equal((await fetch(bin.captureUrl, { method: "POST", body: "x".repeat(2048) })).status, 413);
  const captured = (await (
    await fetch(`${server.url}/api/bins/${bin.id}/requests?limit=1`, { headers: { Authorization: `Bearer ${bin.ownerToken}` } })
  ).json()) as { requests: { id: string }[] };
  const replay = await fetch(`${server.url}/api/bins/${bin.id}/requests/${captured.requests[0]!.id}/replay`, {
    method: "POST",
    headers: { Authorization: `Bearer ${bin.ownerToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ targetUrl: target.url }),
  });
  assert.equal(replay.status, 200);

  const after = await scrape();
  assert.equal(after.value("hookscope_captures_total", { status: "200" }) - before.value("hookscope_captures_total", { status: "200" }), 3);
  assert.equal(after.value("hookscope_captures_total", { status: "413" }) - before.value("hookscope_captures_total", { status: "413" }), 1);
  const histogram = after.family("hookscope_capture_duration_seconds")!.metrics[0]!;
  const earlier = before.family("hookscope_capture_duration_seconds")!.metrics[0]!;
  assert.equal(Number(histogram.count) - Number(earlier.count ?? 0), 4, "every capture observed once");
  assert.equal(
    after.value("hookscope_deliveries_total", { kind: "replay", outcome: "succeeded" }) -
      before.value("hookscope_deliveries_total", { kind: "replay", outcome: "succeeded" }),
    1,
  );
  assert.equal(after.family("hookscope_forward_queue_depth")?.type, "GAUGE");
});
