import assert from "node:assert/strict";
import { test } from "node:test";
import { captureLedger } from "@/lib/server/queries/sqlite-capture-ledger";
import { arrivedRecord } from "@/lib/server/queries/requests";

const T = 1_000_000;

function committed(rowid: number, pending = true) {
  const record = arrivedRecord({
    id: `r${rowid}`,
    binId: "bin",
    method: "POST",
    path: "",
    query: "",
    headers: [["content-type", "application/json"]],
    body: new Uint8Array(Buffer.from("{}")),
    remoteAddress: "127.0.0.1",
    httpVersion: "1.1",
    receivedAt: new Date(T),
    plainHttp: false,
  });
  record.eventType = pending ? "push" : null;
  record.shapePending = pending;
  return { rowid, record };
}

const rowids = (entries: { rowid: number }[]) => entries.map((entry) => entry.rowid);

test("rows are taken from just above the mark, in rowid order, without a gap; a row that needs no learning is held as such", () => {
  const ledger = captureLedger();
  ledger.committed([committed(1), committed(2, false), committed(3), committed(4)], T);
  const first = ledger.take(0, 3, T);
  assert.deepEqual(rowids(first), [1, 2, 3]);
  assert.equal(first[0]!.pending!.id, "r1");
  assert.equal(first[1]!.pending, null, "not pending: nothing to learn, but it keeps the run unbroken");
  assert.deepEqual(rowids(ledger.take(3, 10, T)), [4]);
  assert.deepEqual(ledger.take(4, 10, T), [], "nothing above the newest");
  assert.deepEqual(ledger.take(2, 10, T), [], "below what was taken: the table is read instead");
});

test("a run stops at a row the ledger does not hold, and nothing is taken when the next row is missing", () => {
  const ledger = captureLedger();
  ledger.committed([committed(5), committed(6), committed(8)], T);
  assert.deepEqual(ledger.take(3, 10, T), [], "row 4 is not held");
  assert.deepEqual(rowids(ledger.take(4, 10, T)), [5, 6]);
  assert.deepEqual(ledger.take(6, 10, T), [], "row 7 is not held");
  assert.deepEqual(rowids(ledger.take(7, 10, T)), [8]);
});

test("a rowid handed out again (its row deleted) forgets everything held before it", () => {
  const ledger = captureLedger();
  ledger.committed([committed(1), committed(2), committed(3)], T);
  ledger.committed([committed(3)], T);
  assert.deepEqual(ledger.take(0, 10, T), [], "rows 1 and 2 were forgotten with the old row 3");
  assert.deepEqual(rowids(ledger.take(2, 10, T)), [3]);
});

test("entries older than ten seconds, and the oldest past 8,000, are dropped", () => {
  const ledger = captureLedger();
  ledger.committed([committed(1)], T);
  ledger.committed([committed(2)], T + 5_000);
  assert.deepEqual(rowids(ledger.take(0, 10, T + 10_001)), [], "row 1 aged out");
  assert.deepEqual(rowids(ledger.take(1, 10, T + 10_001)), [2]);

  const many = captureLedger();
  many.committed(
    Array.from({ length: 9_000 }, (_, i) => committed(i + 1)),
    T,
  );
  assert.deepEqual(many.take(0, 10, T), []);
  assert.deepEqual(rowids(many.take(1_000, 3, T)), [1_001, 1_002, 1_003]);
});
