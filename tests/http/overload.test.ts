import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { BinInfo } from "@/lib/shared/api-types";
import { authorized, createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { fillSlots, stalledUpload } from "../helpers/stalled-upload";

let server: RunningServer;

before(async () => {
  // Small budgets so that a test-sized burst is "more than it can take".
  server = await startServer({ MAX_INFLIGHT_CAPTURES: "8", MAX_INFLIGHT_BYTES: String(8 * 1024 * 1024), RATE_LIMIT_PER_BIN: "0", RATE_LIMIT_PER_ADDRESS: "0" });
});
after(async () => server?.stop());

function residentMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(/(\d+)/.exec(line ?? "")?.[1] ?? 0) / 1024;
}

test("more requests in flight than allowed: 503 with Retry-After at once, every 2xx stored", async () => {
  const bin = await createBin(server.url);
  const probe = await createBin(server.url);
  // Probes admitted before the slots are full land in their own bin.
  const uploads = await fillSlots(
    8,
    () => stalledUpload(bin.captureUrl),
    async () => (await fetch(probe.captureUrl, { method: "POST", body: "probe" })).status,
  );
  assert.equal(uploads.length, 8);
  const responses = await Promise.all(Array.from({ length: 12 }, () => fetch(bin.captureUrl, { method: "POST", body: "x" })));
  assert.deepEqual(
    responses.map((r) => r.status),
    new Array(12).fill(503),
  );
  assert.ok(responses.every((r) => r.headers.get("retry-after") === "1"));
  assert.equal(((await responses[0]!.json()) as { error: { code: string } }).error.code, "overloaded");
  uploads.forEach((upload) => upload.finish());
  assert.deepEqual(
    (await Promise.all(uploads.map((upload) => upload.answered))).map((a) => a.status),
    new Array(8).fill(200),
  );
  const info = (await (await fetch(`${server.url}/api/bins/${bin.id}`, authorized(bin.ownerToken))).json()) as BinInfo;
  assert.equal(info.requestCount, 8, "every 2xx is stored, no refused one is");
});

test("bodies past the byte budget are refused while they stream, and memory stays bounded", async () => {
  const bin = await createBin(server.url);
  const before = residentMegabytes(server.child.pid!);
  const chunk = randomBytes(2 * 1024 * 1024);
  // Six uploads of 3 MiB that pause after 2 MiB: together they pass the 8 MiB budget mid-stream.
  const uploads = Array.from({ length: 6 }, () => {
    const req = httpRequest(bin.captureUrl, { method: "POST", headers: { "Content-Length": String(3 * 1024 * 1024) } });
    const answered = new Promise<number>((resolve) => {
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", () => resolve(0));
    });
    req.write(chunk);
    return { req, answered };
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const { req } of uploads) if (!req.destroyed) req.end(chunk.subarray(0, 1024 * 1024));
  const statuses = await Promise.all(uploads.map((u) => u.answered));
  assert.ok(statuses.includes(503), statuses.join(","));
  assert.ok(statuses.includes(200), statuses.join(","));
  const grown = residentMegabytes(server.child.pid!) - before;
  assert.ok(grown < 100, `resident memory grew by ${grown.toFixed(0)} MiB`);
  assert.equal((await fetch(bin.captureUrl, { method: "POST", body: "after the burst" })).status, 200);
});
