import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { BinInfo } from "@/lib/shared/api-types";
import { authorized, createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;

before(async () => {
  server = await startServer({ RATE_LIMIT_PER_BIN: "5", RATE_LIMIT_PER_ADDRESS: "1000" });
});
after(async () => server?.stop());

test("a noisy bin gets 429 with Retry-After past its burst; nothing is stored; other bins are served", async () => {
  const noisy = await createBin(server.url);
  const quiet = await createBin(server.url);
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  for (let i = 0; i < 20; i++) {
    const response = await fetch(noisy.captureUrl, { method: "POST", body: "x" });
    statuses.push(response.status);
    if (response.status === 429) retryAfter ??= response.headers.get("retry-after");
  }
  const accepted = statuses.filter((s) => s === 200).length;
  assert.ok(accepted >= 10 && accepted < 20, `accepted ${accepted} of 20`);
  assert.ok(statuses.includes(429));
  assert.ok(Number(retryAfter) >= 1);
  assert.equal((await fetch(quiet.captureUrl, { method: "POST" })).status, 200);
  const info = (await (await fetch(`${server.url}/api/bins/${noisy.id}`, authorized(noisy.ownerToken))).json()) as BinInfo;
  assert.equal(info.requestCount, accepted);
});
