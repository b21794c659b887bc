// Fair admission (issue 12, finding 3): one sender cannot make another's capture fail, answers held
// back on purpose do not hold capture slots, and an upload that goes quiet is let go.
import { request as httpRequest } from "node:http";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { BinInfo } from "@/lib/api-types";
import { authorized, createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { waitUntil } from "../helpers/target";

let server: RunningServer;

before(async () => {
  // TRUST_PROXY: the tests speak for several source addresses through X-Forwarded-For.
  server = await startServer({
    MAX_INFLIGHT_CAPTURES: "8",
    MAX_INFLIGHT_PER_ADDRESS: "4",
    MAX_HELD_ANSWERS: "3",
    BODY_IDLE_SECONDS: "1",
    TRUST_PROXY: "1",
    RATE_LIMIT_PER_BIN: "0",
    RATE_LIMIT_PER_ADDRESS: "0",
  });
}, { timeout: 40_000 });
after(() => server?.stop());

function send(url: string, from: string, body = "x") {
  return fetch(url, { method: "POST", body, headers: { "X-Forwarded-For": from } });
}

/** Headers and one byte of a two-byte body, then silence. */
function stall(url: string, from: string) {
  const req = httpRequest(url, { method: "POST", headers: { "Content-Length": "2", "X-Forwarded-For": from } });
  const answered = new Promise<{ status: number; body: string }>((resolve) => {
    req.on("response", (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", () => resolve({ status: 0, body: "" }));
  });
  req.write("x");
  return answered;
}

async function stored(bin: { id: string; ownerToken: string }): Promise<number> {
  return ((await (await fetch(`${server.url}/api/bins/${bin.id}`, authorized(bin.ownerToken))).json()) as BinInfo).requestCount;
}

test("one address filling its share gets 503, another address is still served; quiet uploads get 408 and nothing is stored", { timeout: 30_000 }, async () => {
  const bin = await createBin(server.url);
  const probe = await createBin(server.url);
  const stalled = Array.from({ length: 4 }, () => stall(bin.captureUrl, "10.0.0.1"));
  const refused = await waitUntil(async () => {
    const response = await send(probe.captureUrl, "10.0.0.1");
    return response.status === 503 && response;
  }, 10_000, "the address's 4 slots to fill");
  assert.match(((await refused.json()) as { error: { message: string } }).error.message, /This address has more requests in flight than one sender may/);
  assert.equal((await send(bin.captureUrl, "10.0.0.2", "other sender")).status, 200, "another address is not starved");

  const answers = await Promise.all(stalled);
  assert.deepEqual(answers.map((a) => a.status), [408, 408, 408, 408]);
  assert.match(answers[0]!.body, /No body bytes arrived for 1 s; nothing was stored/);
  assert.equal(await stored(bin), 1, "only the other sender's capture");
  assert.equal((await send(bin.captureUrl, "10.0.0.1")).status, 200, "the address is served again once its uploads are gone");
});

test("answers held back by a hold rule take no capture slots, and past their own limit the sender is told", { timeout: 30_000 }, async () => {
  const held = await createBin(server.url);
  const rules = { rules: [{ when: { kind: "always" }, action: { kind: "hold" } }] };
  const patched = await fetch(`${server.url}/api/bins/${held.id}`, { method: "PATCH", headers: authorized(held.ownerToken).headers, body: JSON.stringify({ settings: rules }) });
  assert.equal(patched.status, 200, await patched.text());

  const controller = new AbortController();
  const statuses: number[] = [];
  const pending = Array.from({ length: 10 }, (_, i) =>
    fetch(held.captureUrl, { method: "POST", body: String(i), signal: controller.signal, headers: { "X-Forwarded-For": `10.0.1.${i}` } }).then(
      (response) => statuses.push(response.status),
      () => undefined,
    ),
  );
  await waitUntil(() => statuses.length >= 7, 10_000, "the answers past the 3 held");
  assert.deepEqual(statuses, new Array(7).fill(503));
  // 10 captures against 8 slots: had the held ones kept theirs, this would be refused.
  const other = await createBin(server.url);
  assert.equal((await send(other.captureUrl, "10.0.2.1")).status, 200);
  assert.equal(await stored(held), 10, "every one is stored, held or not");
  controller.abort();
  await Promise.all(pending);
});
