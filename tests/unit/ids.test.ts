import { test } from "node:test";
import assert from "node:assert/strict";
import { newBinId, newRequestId, newToken, REQUEST_ID_PATTERN } from "@/lib/server/ids";

test("request ids sort by time, and by order within one millisecond", () => {
  const now = Date.now();
  const sameMs = Array.from({ length: 1000 }, () => newRequestId(now));
  assert.deepEqual([...sameMs].sort(), sameMs);
  assert.ok(newRequestId(now + 1) > sameMs.at(-1)!);
  assert.ok(sameMs.every((id) => REQUEST_ID_PATTERN.test(id)));
});

test("a clock that steps back does not reorder ids", () => {
  const first = newRequestId(Date.now() + 10_000);
  const second = newRequestId(Date.now());
  assert.ok(second > first);
});

test("bin ids and tokens are random and well-formed", () => {
  const ids = new Set(Array.from({ length: 1000 }, newBinId));
  assert.equal(ids.size, 1000);
  for (const id of ids) assert.match(id, /^[a-z2-9]{16}$/);
  assert.match(newToken(), /^[A-Za-z0-9_-]{43}$/);
});
