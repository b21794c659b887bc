import { test } from "node:test";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import Database from "better-sqlite3";
import { useFreshDatabase } from "../helpers/db";

// The hot store's connection leaves WAL checkpoints to a worker thread (sqlite-checkpointer.ts):
// commits keep landing, the WAL is copied back into the database file off the event loop, and the
// connection's own automatic checkpoint stays as a fallback only.
const url = await useFreshDatabase("checkpoint");
const file = url.slice("file:".length);
const { openSqliteStore } = await import("@/lib/server/queries/sqlite-store");
const { arrivedRecord } = await import("@/lib/server/queries/requests");
const { createNewBin } = await import("@/lib/server/services/bins");
const { newRequestId } = await import("@/lib/server/ids");

const binId = (await createNewBin("http://localhost")).id;

test("a background thread checkpoints what the capture store committed, and every row stays readable", async () => {
  let reported: (report: { logFrames: number; checkpointedFrames: number }) => void = () => undefined;
  const checkpointed = new Promise<{ logFrames: number; checkpointedFrames: number }>((resolve) => (reported = resolve));
  const store = openSqliteStore(file, { onCheckpoint: (report) => reported(report) });
  try {
    const rows = Array.from({ length: 200 }, () =>
      arrivedRecord({
        id: newRequestId(),
        binId,
        method: "POST",
        path: "/checkpoint",
        query: "",
        headers: [["content-type", "application/json"]],
        body: new Uint8Array(Buffer.from(JSON.stringify({ padding: "x".repeat(2000) }))),
        remoteAddress: "127.0.0.1",
        httpVersion: "1.1",
        receivedAt: new Date(),
        plainHttp: false,
      }),
    );
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
