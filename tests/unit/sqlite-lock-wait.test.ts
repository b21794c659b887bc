import { test } from "node:test";
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { useFreshDatabase } from "../helpers/db";

// A capture's commit waits for another connection's write lock (the checkpoint thread's final copy,
// Prisma's writes) with the event loop free: SQLite's own busy handler sleeps the thread instead.
const url = await useFreshDatabase("lockwait");
const file = url.slice("file:".length);
const { openSqliteStore } = await import("@/lib/server/queries/sqlite-store");
const { arrivedRecord } = await import("@/lib/server/queries/requests");
const { createNewBin } = await import("@/lib/server/services/bins");
const { newRequestId } = await import("@/lib/server/ids");

const binId = (await createNewBin("http://localhost")).id;
const row = () =>
  arrivedRecord({
    id: newRequestId(),
    binId,
    method: "POST",
    path: "/lock",
    query: "",
    headers: [["content-type", "text/plain"]],
    body: new Uint8Array(Buffer.from("held")),
    remoteAddress: "127.0.0.1",
    httpVersion: "1.1",
    receivedAt: new Date(),
    plainHttp: false,
  });

test("a commit behind another connection's write lock leaves the event loop running, and commits once the lock is gone", async () => {
  const store = openSqliteStore(file);
  const other = new Database(file);
  try {
    other.exec("BEGIN IMMEDIATE");
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    // Only a free event loop runs this timer: a thread asleep in SQLite's busy handler would hold the lock until its timeout.
    let releasedAfterTicks = -1;
    const release = setTimeout(() => {
      releasedAfterTicks = ticks;
      other.exec("ROLLBACK");
    }, 50);
    let reservations;
    try {
      reservations = await store.commit([{ binId, rows: [row(), row()] }], () => undefined);
    } finally {
      clearInterval(ticker);
      clearTimeout(release);
    }
    assert.ok(releasedAfterTicks > 0, `the lock was released by a timer while the commit waited (${releasedAfterTicks} ticks before it)`);
    assert.equal(reservations[0]?.first, 1);
    const n = (other.prepare(`SELECT count(*) AS n FROM "CapturedRequest" WHERE "binId" = ?`).get(binId) as { n: number }).n;
    assert.equal(n, 2);
  } finally {
    other.close();
    await store.close();
  }
});
