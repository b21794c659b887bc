import { test } from "node:test";
import assert from "node:assert/strict";
import { useFreshDatabase } from "../helpers/db";

await useFreshDatabase("batch");
const { BatchWriter } = await import("@/lib/services/batch-writer");
const { insertRequests, countRequests } = await import("@/lib/queries/requests");
const { createNewBin } = await import("@/lib/services/bins");
const { newRequestId } = await import("@/lib/ids");
type Row = Parameters<typeof insertRequests>[0][number];

const binId = (await createNewBin("http://localhost")).id;

function row(bin: string = binId): Row {
  return {
    id: newRequestId(),
    binId: bin,
    method: "POST",
    path: "",
    query: "",
    headers: "[]",
    contentType: null,
    body: new Uint8Array([1, 2, 3]),
    bodySize: 3,
    remoteAddress: "127.0.0.1",
    httpVersion: "1.1",
    receivedAt: new Date(),
  };
}

test("writes that arrive together share transactions, and all are committed", async () => {
  const batchSizes: number[] = [];
  const writer = new BatchWriter<Row>(async (items) => {
    batchSizes.push(items.length);
    await insertRequests(items);
  }, 64);
  await Promise.all(Array.from({ length: 500 }, () => writer.write(row())));
  assert.equal(await countRequests(binId), 500);
  assert.equal(batchSizes.reduce((a, b) => a + b, 0), 500);
  assert.ok(batchSizes.length <= 10, `500 writes took ${batchSizes.length} transactions`);
  assert.ok(Math.max(...batchSizes) <= 64);
});

test("a bad item in a batch fails alone; its neighbours are committed", async () => {
  const writer = new BatchWriter<Row>(insertRequests);
  const before = await countRequests(binId);
  const results = await Promise.allSettled([writer.write(row()), writer.write(row("no-such-bin")), writer.write(row())]);
  assert.deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled"]);
  assert.equal((results[1] as PromiseRejectedResult).reason.code, "P2003");
  assert.equal(await countRequests(binId), before + 2);
});
