import { test } from "node:test";
import assert from "node:assert/strict";
import { useFreshDatabase } from "../helpers/db";

await useFreshDatabase("batch");
const { BatchWriter } = await import("@/lib/server/services/batch-writer");
const { arrivedRecord, countRequests } = await import("@/lib/server/queries/requests");
const { commitCaptureGroups } = await import("@/lib/server/queries/hot-store");
const { createNewBin } = await import("@/lib/server/services/bins");
const { newRequestId } = await import("@/lib/server/ids");
type Row = Parameters<typeof commitCaptureGroups>[0][number]["rows"][number];

/** Writes rows through the real capture store; a row of an unknown bin comes back as an Error. */
async function insertRequests(rows: Row[]): Promise<(true | Error)[]> {
  const reservations = await commitCaptureGroups(
    rows.map((row) => ({ binId: row.binId, rows: [row] })),
    () => undefined,
  );
  return reservations.map((reservation) => (reservation ? true : new Error("no such bin")));
}

const binId = (await createNewBin("http://localhost")).id;

function row(bin: string = binId): Row {
  return arrivedRecord({
    id: newRequestId(),
    binId: bin,
    method: "POST",
    path: "",
    query: "",
    headers: [],
    body: new Uint8Array([1, 2, 3]),
    remoteAddress: "127.0.0.1",
    httpVersion: "1.1",
    receivedAt: new Date(),
    plainHttp: false,
  });
}

test("writes that arrive together share transactions, and all are committed", async () => {
  const batchSizes: number[] = [];
  const writer = new BatchWriter<Row, string>(async (items) => {
    batchSizes.push(items.length);
    await insertRequests(items);
    return items.map((item) => item.id);
  }, 64);
  const rows = Array.from({ length: 500 }, () => row());
  const results = await Promise.all(rows.map((r) => writer.write(r)));
  assert.deepEqual(
    results,
    rows.map((r) => r.id),
    "each caller gets its own item's result",
  );
  assert.equal(await countRequests(binId), 500);
  assert.equal(
    batchSizes.reduce((a, b) => a + b, 0),
    500,
  );
  assert.ok(batchSizes.length <= 10, `500 writes took ${batchSizes.length} transactions`);
  assert.ok(Math.max(...batchSizes) <= 64);
});

test("a bad item in a batch fails alone; its neighbours are committed", async () => {
  const writer = new BatchWriter<Row, true>(insertRequests);
  const before = await countRequests(binId);
  const results = await Promise.allSettled([writer.write(row()), writer.write(row("no-such-bin")), writer.write(row())]);
  assert.deepEqual(
    results.map((r) => r.status),
    ["fulfilled", "rejected", "fulfilled"],
  );
  assert.equal(await countRequests(binId), before + 2);
});

test("a batch that throws is retried item by item, so only the bad item fails", async () => {
  const writer = new BatchWriter<Row, true>(async (items) => {
    // A duplicate primary key makes the whole transaction fail: nothing of the batch is committed.
    if (items.some((item) => item.id === "duplicate") && items.length > 1) throw new Error("batch failed");
    if (items[0]?.id === "duplicate") throw new Error("duplicate id");
    return insertRequests(items);
  });
  const before = await countRequests(binId);
  const bad = { ...row(), id: "duplicate" };
  const results = await Promise.allSettled([writer.write(row()), writer.write(bad), writer.write(row())]);
  assert.deepEqual(
    results.map((r) => r.status),
    ["fulfilled", "rejected", "fulfilled"],
  );
  assert.equal(await countRequests(binId), before + 2);
});

test("an item the batch reports as failed is rejected alone, without a retry", async () => {
  let calls = 0;
  const writer = new BatchWriter<number, number>(async (items) => {
    calls++;
    return items.map((n) => (n % 2 === 0 ? n * 10 : new Error(`odd ${n}`)));
  });
  const results = await Promise.allSettled([1, 2, 3, 4].map((n) => writer.write(n)));
  assert.deepEqual(
    results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message)),
    ["odd 1", 20, "odd 3", 40],
  );
  assert.equal(calls, 1);
});
