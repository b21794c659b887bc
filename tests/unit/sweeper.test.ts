import { test } from "node:test";
import assert from "node:assert/strict";
import { useFreshDatabase } from "../helpers/db";

await useFreshDatabase("sweeper");
const { sweepExpiredBins } = await import("@/lib/server/services/sweeper");
const { createNewBin } = await import("@/lib/server/services/bins");
const { updateBin, getBin } = await import("@/lib/server/queries/bins");
const { countRequests, deleteAllRequests } = await import("@/lib/server/queries/requests");
const { captureRequest } = await import("@/lib/server/services/capture");

const DAY = 86_400_000;

function incoming(binId: string, i: number) {
  return {
    binId,
    method: "POST",
    path: `/${i}`,
    query: "",
    rawHeaders: [],
    body: Buffer.from(`body ${i}`),
    remoteAddress: "127.0.0.1",
    httpVersion: "1.1",
    plainHttp: true,
    receivedAt: Date.now(),
  };
}

test("removes exactly the bins past their expiry at the given time, with their requests", async () => {
  const now = Date.now();
  const expired = (await createNewBin("http://x")).id;
  const later = (await createNewBin("http://x")).id;
  const forever = (await createNewBin("http://x")).id;
  await updateBin(expired, { expiresAt: new Date(now + 1 * DAY) });
  await updateBin(later, { expiresAt: new Date(now + 3 * DAY) });
  await updateBin(forever, { expiresAt: null });
  await captureRequest(incoming(expired, 0));

  assert.deepEqual(await sweepExpiredBins(new Date(now)), []);
  const removed = await sweepExpiredBins(new Date(now + 2 * DAY));
  assert.deepEqual(removed, [expired]);
  assert.equal(await getBin(expired), null);
  assert.equal(await countRequests(expired), 0);
  assert.ok(await getBin(later));
  assert.ok(await getBin(forever));
  assert.ok((await sweepExpiredBins(new Date(now + 3650 * DAY))).includes(later));
  assert.ok(await getBin(forever), "a bin without expiry stays");
});

test("sweeping many bins while capture runs loses no capture that should stay", async () => {
  const now = Date.now();
  const keeper = (await createNewBin("http://x")).id;
  for (let i = 0; i < 250; i++) {
    const id = (await createNewBin("http://x")).id;
    await updateBin(id, { expiresAt: new Date(now - 1000) });
  }
  const captures = Array.from({ length: 400 }, (_, i) => captureRequest(incoming(keeper, i)));
  const [removed, results] = await Promise.all([sweepExpiredBins(new Date(now)), Promise.allSettled(captures)]);
  assert.ok(removed.length >= 250);
  assert.ok(results.every((r) => r.status === "fulfilled"));
  assert.equal(await countRequests(keeper), 400);
});

test("a big expired bin's requests go in chunks before the bin, and an owner who extends it meanwhile keeps it", async () => {
  const now = Date.now();
  const big = (await createNewBin("http://x")).id;
  const extended = (await createNewBin("http://x")).id;
  for (const binId of [big, extended]) {
    for (let wave = 0; wave < 10; wave++) await Promise.all(Array.from({ length: 50 }, (_, i) => captureRequest(incoming(binId, wave * 50 + i))));
    await updateBin(binId, { expiresAt: new Date(now - 1000) });
  }
  // The owner moves the expiry on after the first chunk (100 rows) of its bin's sweep.
  let asked = 0;
  const stopped = await deleteAllRequests(extended, async () => {
    asked++;
    await updateBin(extended, { expiresAt: new Date(now + DAY) });
    return false;
  });
  assert.equal(asked, 1);
  assert.equal(stopped, 100);
  assert.equal(await countRequests(extended), 400);

  const removed = await sweepExpiredBins(new Date(now));
  assert.ok(removed.includes(big));
  assert.ok(!removed.includes(extended));
  assert.equal(await getBin(big), null);
  assert.equal(await countRequests(big), 0);
  assert.ok(await getBin(extended));
  assert.equal(await countRequests(extended), 400);
});
