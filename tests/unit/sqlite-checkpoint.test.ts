import { test } from "node:test";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { useFreshDatabase } from "../helpers/db";

// The hot store's connection leaves WAL checkpoints to a worker thread (sqlite-checkpointer.ts):
// commits keep landing, the WAL is copied back into the database file off the event loop, and the
// connection's own automatic checkpoint stays as a fallback only.
const url = await useFreshDatabase("checkpoint");
const file = url.slice("file:".length);
const { openSqliteStore } = await import("@/lib/server/queries/sqlite-store");
const { startCheckpointer } = await import("@/lib/server/queries/sqlite-checkpointer");
const { arrivedRecord } = await import("@/lib/server/queries/requests");
const { createNewBin } = await import("@/lib/server/services/bins");
const { newRequestId } = await import("@/lib/server/ids");

const binId = (await createNewBin("http://localhost")).id;

function paddedRows(count: number, padding: number) {
  return Array.from({ length: count }, () =>
    arrivedRecord({
      id: newRequestId(),
      binId,
      method: "POST",
      path: "/checkpoint",
      query: "",
      headers: [["content-type", "application/json"]],
      body: new Uint8Array(Buffer.from(JSON.stringify({ padding: "x".repeat(padding) }))),
      remoteAddress: "127.0.0.1",
      httpVersion: "1.1",
      receivedAt: new Date(),
      plainHttp: false,
    }),
  );
}

test("a background thread checkpoints what the capture store committed, and every row stays readable", async () => {
  let reported: (report: { logFrames: number; checkpointedFrames: number }) => void = () => undefined;
  const checkpointed = new Promise<{ logFrames: number; checkpointedFrames: number }>((resolve) => (reported = resolve));
  const store = openSqliteStore(file, { onCheckpoint: (report) => reported(report) });
  try {
    const rows = paddedRows(200, 2000);
    const reservations = await store.commit([{ binId, rows }], () => undefined);
    assert.ok(reservations[0], "the bin exists, so its rows are reserved and inserted");
    const walBytes = statSync(`${file}-wal`).size;
    assert.ok(walBytes > 200 * 2000, `the commit is in the WAL (${walBytes} bytes)`);

    // The thread does not hold the process open (a server's sockets do), so the deadline is what keeps this test waiting.
    let deadline: NodeJS.Timeout | undefined;
    const report = await Promise.race([
      checkpointed,
      new Promise<never>((_, reject) => (deadline = setTimeout(() => reject(new Error("no checkpoint within 15 s")), 15_000))),
    ]).finally(() => clearTimeout(deadline));
    assert.ok(report.checkpointedFrames > 0 && report.checkpointedFrames <= report.logFrames, JSON.stringify(report));

    const reader = new Database(file, { readonly: true });
    try {
      const n = (reader.prepare(`SELECT count(*) AS n FROM "CapturedRequest" WHERE "binId" = ?`).get(binId) as { n: number }).n;
      assert.equal(n, 200);
    } finally {
      reader.close();
    }
  } finally {
    await store.close();
  }
});

test("a bulk writer waits until the thread has copied the WAL", async () => {
  const reports: { logFrames: number; checkpointedFrames: number }[] = [];
  const store = openSqliteStore(file, { onCheckpoint: (report) => reports.push(report) });
  try {
    for (let i = 0; i < 4; i++) await store.commit([{ binId, rows: paddedRows(250, 8000) }], () => undefined);
    await store.writeRoom();
    const caughtUp = reports.at(-1);
    assert.ok(caughtUp, "writeRoom answered after a pass of the thread");
    assert.ok(caughtUp.checkpointedFrames > 0, `the pass copied the commits (${JSON.stringify(caughtUp)})`);
    assert.ok(caughtUp.logFrames >= 4 * 250 * 2, `the pass began after the commits (${JSON.stringify(caughtUp)})`);
    assert.ok(caughtUp.logFrames - caughtUp.checkpointedFrames <= 512, `the pass left little uncopied (${JSON.stringify(caughtUp)})`);
  } finally {
    await store.close();
  }
});

test("under a steady stream of commits the thread lets the WAL start over instead of growing, and its lock is waited for off the event loop", async () => {
  const steadyFile = path.join(path.dirname(file), "steady-commits.db");
  const database = new Database(steadyFile);
  database.pragma("journal_mode = WAL");
  // Only the thread checkpoints: SQLite's own automatic checkpoint would start the WAL over by itself.
  database.pragma("wal_autocheckpoint = 0");
  database.exec("CREATE TABLE t (x BLOB)");
  // A commit that met the thread's lock fails at once instead of sleeping in SQLite's busy handler.
  database.pragma("busy_timeout = 0");
  const insert = database.prepare("INSERT INTO t VALUES (?)");
  const row = Buffer.alloc(1000, 7);
  let largest = 0;
  let restartedAt = 0;
  let lockWaits = 0;
  const checkpointer = startCheckpointer(steadyFile, (report) => {
    if (largest >= 4_096 && report.logFrames < largest && restartedAt === 0) restartedAt = largest;
    largest = Math.max(largest, report.logFrames);
  });
  try {
    // A commit every millisecond or so, as captures arrive: every PASSIVE pass overlaps one, so without the
    // thread's locked finish no pass ends with the WAL fully copied and it grows without end.
    const deadline = Date.now() + 60_000;
    while (restartedAt === 0) {
      assert.ok(Date.now() < deadline, `the WAL never started over; it holds ${largest} frames`);
      const held = checkpointer.writeLockReleased();
      if (held) {
        lockWaits++;
        await held;
      }
      try {
        insert.run(row);
      } catch (error) {
        // The thread may have taken the lock between the look and the insert; then it says so, and the next round waits.
        assert.ok(checkpointer.writeLockReleased(), `a commit met a lock the thread did not announce: ${String(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    assert.ok(restartedAt < 4_096 + 2_000, `the WAL started over soon after it held 4,096 frames (at ${restartedAt})`);
    assert.ok(lockWaits > 0, "the thread's final copy held the write lock, and the writer waited for it without sleeping");
  } finally {
    await checkpointer.stop();
    database.close();
  }
});
