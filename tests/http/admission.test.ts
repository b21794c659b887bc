// Fair admission (issue 12, finding 3): one sender cannot make another's capture fail, answers held
// back on purpose do not hold capture slots, and an upload that goes quiet is let go.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { BinInfo } from "@/lib/shared/api-types";
import { authorized, createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { fillSlots, stalledUpload } from "../helpers/stalled-upload";
import { waitUntil } from "../helpers/target";

let server: RunningServer;

before(
  async () => {
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
  },
  { timeout: 40_000 },
);
after(() => server?.stop());

function send(url: string, from: string, body = "x") {
  return fetch(url, { method: "POST", body, headers: { "X-Forwarded-For": from } });
}

async function stored(bin: { id: string; ownerToken: string }): Promise<number> {
  return ((await (await fetch(`${server.url}/api/bins/${bin.id}`, authorized(bin.ownerToken))).json()) as BinInfo).requestCount;
}

test("one address filling its share gets 503, another address is still served; quiet uploads get 408 and nothing is stored", { timeout: 60_000 }, async () => {
  const bin = await createBin(server.url);
  const probe = await createBin(server.url);
  let refusal = "";
  const stalled = await fillSlots(
    4,
    () => stalledUpload(bin.captureUrl, { "X-Forwarded-For": "10.0.0.1" }),
    async () => {
      const response = await send(probe.captureUrl, "10.0.0.1");
      refusal = await response.text();
      return response.status;
    },
  );
  assert.match(refusal, /This address has more requests in flight than one sender may/);
  assert.equal((await send(bin.captureUrl, "10.0.0.2", "other sender")).status, 200, "another address is not starved");

  stalled.forEach((upload) => upload.goQuiet());
  const answers = await Promise.all(stalled.map((upload) => upload.answered));
  assert.deepEqual(
    answers.map((a) => a.status),
    [408, 408, 408, 408],
  );
  assert.match(answers[0]!.body, /No body bytes arrived for 1 s; nothing was stored/);
  assert.equal(await stored(bin), 1, "only the other sender's capture");
  assert.equal((await send(bin.captureUrl, "10.0.0.1")).status, 200, "the address is served again once its uploads are gone");
});

test("answers held back by a hold rule take no capture slots, and past their own limit the sender is told", { timeout: 60_000 }, async () => {
  const held = await createBin(server.url);
  const rules = { rules: [{ when: { kind: "always" }, action: { kind: "hold" } }] };
  const patched = await fetch(`${server.url}/api/bins/${held.id}`, {
    method: "PATCH",
    headers: authorized(held.ownerToken).headers,
    body: JSON.stringify({ settings: rules }),
  });
  assert.equal(patched.status, 200, await patched.text());

  const controller = new AbortController();
  const statuses: number[] = [];
  const pending: Promise<unknown>[] = [];
  // One at a time, each once stored: the 8 capture slots are never what refuses them.
  for (let i = 0; i < 10; i++) {
    pending.push(
      fetch(held.captureUrl, { method: "POST", body: String(i), signal: controller.signal, headers: { "X-Forwarded-For": `10.0.1.${i}` } }).then(
        (response) => statuses.push(response.status),
        () => undefined,
      ),
    );
    await waitUntil(async () => (await stored(held)) === i + 1, 10_000, `capture ${i} stored`);
  }
  await waitUntil(() => statuses.length >= 7, 10_000, "the answers past the 3 held");
  assert.deepEqual(statuses, new Array(7).fill(503));
  // 10 stored captures, 3 of them still held, against 8 slots: had the held ones kept theirs, these would be refused.
  const other = await createBin(server.url);
  const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => send(other.captureUrl, `10.0.2.${i}`)));
  assert.deepEqual(
    burst.map((r) => r.status),
    new Array(8).fill(200),
  );
  assert.equal(await stored(held), 10, "every one is stored, held or not");
  controller.abort();
  await Promise.all(pending);
});
