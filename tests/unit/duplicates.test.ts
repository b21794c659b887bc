import { test } from "node:test";
import assert from "node:assert/strict";
import { markDuplicates } from "@/lib/server/queries/hot-store-types";
import { arrivedRecord } from "@/lib/server/queries/requests";

const row = (id: string, deliveryKey: string | null) => ({
  ...arrivedRecord({
    id,
    binId: "b",
    method: "POST",
    path: "",
    query: "",
    headers: [],
    body: new Uint8Array(0),
    remoteAddress: "",
    httpVersion: "1.1",
    receivedAt: new Date(0),
    plainHttp: false,
  }),
  deliveryKey,
});

test("a row repeats the bin's first stored delivery, else the first of its batch by id", () => {
  // Out of id order on purpose: a batch is in arrival order, which ids follow only roughly.
  const rows = [row("c", "k1"), row("a", "k1"), row("b", "k2"), row("d", "k3"), row("e", null)];
  markDuplicates(rows, new Map([["k2", "stored-b"]]));
  assert.deepEqual(
    rows.map((r) => [r.id, r.duplicateOf]),
    [
      ["c", "a"],
      ["a", null],
      ["b", "stored-b"],
      ["d", null],
      ["e", null],
    ],
  );
});
