import { randomBytes } from "node:crypto";
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { useFreshDatabase } from "../helpers/db";
import { readColumn } from "../helpers/database";

// The database must be chosen before any app module reads the environment.
const databaseUrl = await useFreshDatabase("capture");
const { captureRequest, headerPairs } = await import("@/lib/server/services/capture");
const { createNewBin, removeBin } = await import("@/lib/server/services/bins");
const { getRequest, listRequests, countRequests } = await import("@/lib/server/queries/requests");
const { subscribe } = await import("@/lib/server/realtime/bus");
const { BinNotFoundError } = await import("@/lib/shared/errors");
const { matchCaptureUrl } = await import("../../server/capture");

let binId: string;

function incoming(overrides: Partial<Parameters<typeof captureRequest>[0]> = {}) {
  return {
    binId,
    method: "POST",
    path: "/p",
    query: "",
    rawHeaders: ["Content-Type", "application/json"],
    body: Buffer.from("{}"),
    remoteAddress: "127.0.0.1",
    httpVersion: "1.1",
    receivedAt: Date.now(),
    plainHttp: true,
    ...overrides,
  };
}

before(async () => {
  binId = (await createNewBin("http://localhost")).id;
});

describe("matchCaptureUrl", () => {
  test("splits bin id, subpath and raw query", () => {
    assert.deepEqual(matchCaptureUrl("/h/abc"), { binId: "abc", path: "", query: "" });
    assert.deepEqual(matchCaptureUrl("/h/abc/"), { binId: "abc", path: "/", query: "" });
    assert.deepEqual(matchCaptureUrl("/h/abc/x/y%20z?q=1&q=2"), { binId: "abc", path: "/x/y%20z", query: "q=1&q=2" });
    assert.deepEqual(matchCaptureUrl("/h/abc?"), { binId: "abc", path: "", query: "" });
  });

  test("leaves every other URL to Next", () => {
    assert.equal(matchCaptureUrl("/api/bins"), null);
    assert.equal(matchCaptureUrl("/hooks/abc"), null);
    assert.equal(matchCaptureUrl("/h"), null);
    assert.equal(matchCaptureUrl(undefined), null);
  });
});

describe("captureRequest against a real SQLite file", () => {
  test("stores bytes, headers and metadata exactly", async () => {
    const body = randomBytes(70_000);
    const rawHeaders = ["X-A", "1", "x-a", "2", "Content-Type", "application/octet-stream", "X-A", "3"];
    const { summary } = await captureRequest(incoming({ body, rawHeaders, method: "PATCH", query: "a=1&a=2" }));
    const stored = await getRequest(binId, summary.id);
    assert.ok(stored);
    assert.ok(Buffer.from(stored.body).equals(body));
    assert.deepEqual(stored.headers, headerPairs(rawHeaders));
    assert.deepEqual(stored.headers[1], ["x-a", "2"]);
    assert.equal(stored.method, "PATCH");
    assert.equal(stored.query, "a=1&a=2");
    assert.equal(stored.contentType, "application/octet-stream");
    assert.equal(stored.bodySize, 70_000);

    // Read back with the database's own driver too: what is stored is what was sent.
    assert.ok(Buffer.from((await readColumn(databaseUrl, "CapturedRequest", "body", summary.id)) as Uint8Array).equals(body));
  });

  test("announces the summary only after the commit, without the body", async () => {
    const seen: Promise<{ id: string; committed: boolean; hasBody: boolean }>[] = [];
    const unsubscribe = subscribe("request.captured", (summary) => {
      seen.push(
        readColumn(databaseUrl, "CapturedRequest", "id", summary.id).then((id) => ({
          id: summary.id,
          committed: id === summary.id,
          hasBody: "body" in summary,
        })),
      );
    });
    const { summary } = await captureRequest(incoming());
    unsubscribe();
    assert.deepEqual(await Promise.all(seen), [{ id: summary.id, committed: true, hasBody: false }]);
  });

  test("concurrent captures are all committed, ids ordered by arrival", async () => {
    const before = await countRequests(binId);
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => captureRequest(incoming({ path: `/c/${i}` }))));
    const summaries = results.map((result) => result.summary);
    assert.equal(await countRequests(binId), before + 300);
    const ids = summaries.map((s) => s.id);
    assert.deepEqual([...ids].sort(), ids, "ids sort in arrival order");
    assert.equal(new Set(ids).size, 300);
    const sequences = summaries.map((s) => s.sequence);
    assert.deepEqual(
      sequences,
      sequences.map((_, i) => sequences[0]! + i),
      "sequences are consecutive in arrival order",
    );
  });

  test("an unknown bin is refused and nothing is stored", async () => {
    const before = await countRequests(binId);
    await assert.rejects(captureRequest(incoming({ binId: "doesnotexist0000" })), BinNotFoundError);
    assert.equal(await countRequests(binId), before);
  });

  test("a bin deleted while captures are in flight fails only those captures", async () => {
    const doomed = (await createNewBin("http://localhost")).id;
    await captureRequest(incoming({ binId: doomed })); // now cached as known
    await removeBin(doomed);
    const results = await Promise.allSettled([captureRequest(incoming({ binId: doomed })), captureRequest(incoming({ path: "/survivor" }))]);
    assert.equal(results[0].status, "rejected");
    assert.ok((results[0] as PromiseRejectedResult).reason instanceof BinNotFoundError);
    assert.equal(results[1].status, "fulfilled");
  });

  test("listing pages newest first and by cursor", async () => {
    const newest = await listRequests(binId, { limit: 3, order: "newest-first" });
    assert.equal(newest.length, 3);
    assert.ok(newest[0]!.id > newest[1]!.id && newest[1]!.id > newest[2]!.id);
    const older = await listRequests(binId, { limit: 3, before: newest[2]!.id, order: "newest-first" });
    assert.ok(older.every((r) => r.id < newest[2]!.id));
    const newer = await listRequests(binId, { limit: 10, after: newest[1]!.id, order: "oldest-first" });
    assert.deepEqual(
      newer.map((r) => r.id),
      [newest[0]!.id],
    );
  });

  test("deleting a bin removes its requests (cascade)", async () => {
    await removeBin(binId);
    assert.equal(await countRequests(binId), 0);
    await assert.rejects(removeBin(binId), BinNotFoundError);
  });
});
