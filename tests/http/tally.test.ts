// Honest counts: what retention removed and what senders were refused is counted per bin, so the
// inspector can say more than "N requests" (which hides both).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { BinInfo } from "@/lib/shared/api-types";
import { authorized, createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { waitUntil } from "../helpers/target";

let server: RunningServer;

before(
  async () => {
    // A tiny bin: 3 kept, bursts of 4, bodies up to 1000 bytes.
    server = await startServer({ BIN_MAX_REQUESTS: "3", RATE_LIMIT_PER_BIN: "2", RATE_LIMIT_PER_ADDRESS: "0", MAX_BODY_BYTES: "1000" });
  },
  { timeout: 40_000 },
);
after(() => server?.stop());

test("the bin counts what retention removed and what was refused (429, 413), and a guessed bin id counts nothing", { timeout: 30_000 }, async () => {
  const bin = await createBin(server.url);
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++) statuses.push((await fetch(bin.captureUrl, { method: "POST", body: "x" })).status);
  const accepted = statuses.filter((status) => status === 200).length;
  const limited = statuses.filter((status) => status === 429).length;
  assert.ok(accepted >= 4 && limited >= 1, `burst of 4 then 429s: ${statuses.join(",")}`);
  const tooLarge = await fetch(bin.captureUrl, { method: "POST", body: "y".repeat(5000) });
  assert.ok([413, 429].includes(tooLarge.status));
  const expectedTooLarge = tooLarge.status === 413 ? 1 : 0;
  await fetch(`${server.url}/h/nosuchbin0000`, { method: "POST", body: "z".repeat(5000) });

  const info = await waitUntil(
    async () => {
      const read = (await (await fetch(`${server.url}/api/bins/${bin.id}`, authorized(bin.ownerToken))).json()) as BinInfo;
      return (
        read.refused.rateLimited + read.refused.tooLarge >= limited + (tooLarge.status === 429 ? 1 : 0) + expectedTooLarge &&
        read.pruned >= accepted - 3 &&
        read
      );
    },
    10_000,
    "the tallies",
  );
  assert.equal(info.requestCount, 3);
  assert.equal(info.pruned, accepted - 3, "everything past the 3 kept was counted as removed");
  assert.equal(info.refused.rateLimited, limited + (tooLarge.status === 429 ? 1 : 0));
  assert.equal(info.refused.tooLarge, expectedTooLarge);
  assert.equal(info.refused.overloaded, 0);
  assert.ok(info.refused.lastAt);
  const viewer = (await (await fetch(`${server.url}/api/bins/${bin.id}`, authorized(decodeURIComponent(bin.shareUrl.split("#share=")[1]!)))).json()) as BinInfo;
  assert.deepEqual(viewer.refused, info.refused, "share-link viewers see the same counts");
});
