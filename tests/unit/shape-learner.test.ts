// The background shape learner on the database the run is set to (SQLite by default, PostgreSQL with
// TEST_DB=postgres): captures are stored pending, the learner (started here as a server's start would,
// so it catches up with what was stored while it was not running) flags them and announces it.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { useFreshDatabase } from "../helpers/db";
import { STRIPE_SAMPLES } from "../helpers/webhook-samples";
import type { CheckedRequest } from "@/lib/shared/api-types";

await useFreshDatabase("shape-learner");
const { captureRequest } = await import("@/lib/server/services/capture");
const { createNewBin, removeBin } = await import("@/lib/server/services/bins");
const { binShapes } = await import("@/lib/server/services/shapes");
const { listRequestPage, removeRequest } = await import("@/lib/server/services/requests");
const { setOwnerSchema } = await import("@/lib/server/services/shapes");
const { subscribe } = await import("@/lib/server/realtime/bus");
const { startShapeLearner } = await import("@/lib/server/shapes/learner");
const { setParsedBodiesWanted } = await import("@/lib/server/shapes/parsed-bodies");

let binId: string;
before(async () => {
  binId = (await createNewBin("http://localhost")).id;
});

async function capture(body: string, into = binId): Promise<string> {
  const sample = STRIPE_SAMPLES[0]!;
  const rawHeaders = Object.entries(sample.headers).flat();
  const { summary } = await captureRequest({
    binId: into,
    method: "POST",
    path: "",
    query: "",
    rawHeaders,
    body: Buffer.from(body),
    remoteAddress: "127.0.0.1",
    httpVersion: "1.1",
    receivedAt: Date.now(),
    plainHttp: false,
  });
  return summary.id;
}

/** Resolves with each id's flags once the learner has announced all of them. */
function announced(ids: string[], inBin = binId): Promise<Map<string, CheckedRequest>> {
  const seen = new Map<string, CheckedRequest>();
  return new Promise((resolve) => {
    const stop = subscribe("requests.checked", (payload) => {
      if (payload.binId !== inBin) return;
      for (const request of payload.requests) seen.set(request.id, request);
      if (ids.every((id) => seen.has(id))) {
        stop();
        resolve(seen);
      }
    });
  });
}

const listed = async (inBin = binId) => new Map((await listRequestPage(inBin, { limit: 200 })).requests.map((r) => [r.id, r]));

test("captures are pending until the learner, started after them, flags them; it announces each, and a schema set later re-checks them", async () => {
  const changed = JSON.parse(STRIPE_SAMPLES[0]!.body) as { data: { object: Record<string, unknown> } };
  changed.data.object.amount = "4900";
  // Stored while no learner runs: a restart's backlog.
  const ids = [await capture(STRIPE_SAMPLES[0]!.body), await capture(STRIPE_SAMPLES[0]!.body), await capture(JSON.stringify(changed))];
  const before = await listed();
  for (const id of ids) {
    assert.equal(before.get(id)!.checksPending, true, "nothing is claimed before the learner has seen it");
    assert.equal(before.get(id)!.shapeDrift, null);
  }

  const heard = announced(ids);
  let learner = startShapeLearner();
  try {
    // Waiting on it is what keeps the process up for the learner's (unref'd) timer.
    await learner.caughtUp();
    const flags = await heard;
    assert.deepEqual(
      ids.map((id) => flags.get(id)!.shapeDrift),
      [null, 0, 1],
    );
    const after = await listed();
    assert.deepEqual(
      ids.map((id) => [after.get(id)!.checksPending, after.get(id)!.shapeDrift]),
      [
        [false, null],
        [false, 0],
        [false, 1],
      ],
    );

    // A schema set while no learner runs: the earlier requests were captured before it, and are re-checked
    // in the background by the next learner to start.
    learner.stop();
    const rechecked = announced(ids);
    await setOwnerSchema(
      binId,
      "charge.succeeded",
      JSON.stringify({ properties: { data: { properties: { object: { properties: { amount: { type: "integer" } } } } } } }),
    );
    const pending = await listed();
    for (const id of ids) assert.equal(pending.get(id)!.checksPending, true, "no verdict is claimed before the re-check");
    learner = startShapeLearner();
    await learner.caughtUp();
    const verdicts = await rechecked;
    assert.deepEqual(
      ids.map((id) => verdicts.get(id)!.schemaResult),
      ["pass", "pass", "fail"],
    );
    const final = await listed();
    assert.deepEqual(
      ids.map((id) => [final.get(id)!.checksPending, final.get(id)!.schemaResult]),
      [
        [false, "pass"],
        [false, "pass"],
        [false, "fail"],
      ],
    );
  } finally {
    learner.stop();
  }
});

test("a bin deleted while its captures wait for the learner holds it up nowhere, and the next bin's are learnt", async () => {
  const gone = (await createNewBin("http://localhost")).id;
  const kept = (await createNewBin("http://localhost")).id;
  // As while a learner runs and its next tick has not come: capture hands the parsed bodies over, so the
  // deleted bin's rows are not dropped for want of a body and reach the learner as they are.
  setParsedBodiesWanted(true);
  await capture(STRIPE_SAMPLES[0]!.body, gone);
  await capture(STRIPE_SAMPLES[0]!.body, gone);
  const ids = [await capture(STRIPE_SAMPLES[0]!.body, kept)];
  // Not the newest rows: their rowids are not handed out again, so what the learner knew of them stays.
  await removeBin(gone);
  ids.push(await capture(STRIPE_SAMPLES[1]!.body, kept));
  const heard = announced(ids, kept);
  const logged: string[] = [];
  const log = console.error;
  console.error = (...args: unknown[]) => void logged.push(args.join(" "));
  const learner = startShapeLearner();
  try {
    await learner.caughtUp();
    await heard;
    assert.deepEqual(logged, [], "no batch failed on the deleted bin's rows");
    const rows = await listed(kept);
    assert.deepEqual(
      ids.map((id) => rows.get(id)!.checksPending),
      [false, false],
    );
    assert.equal((await binShapes(kept)).shapes.find((shape) => shape.eventType === "charge.succeeded")?.samples, 2);
  } finally {
    console.error = log;
    learner.stop();
  }
});

test("after the newest capture is deleted and its place taken by the next, every remaining capture is still learnt once", async () => {
  const bin = (await createNewBin("http://localhost")).id;
  const first = await capture(STRIPE_SAMPLES[0]!.body, bin);
  const deleted = await capture(STRIPE_SAMPLES[0]!.body, bin);
  await removeRequest(bin, deleted);
  // SQLite hands the deleted newest row's rowid to this one: what the learner knew of the old row must not be taken for it.
  const next = await capture(STRIPE_SAMPLES[1]!.body, bin);
  const heard = announced([first, next], bin);
  const learner = startShapeLearner();
  try {
    await learner.caughtUp();
    const flags = await heard;
    assert.equal(flags.has(deleted), false);
    const rows = await listed(bin);
    assert.deepEqual(
      [first, next].map((id) => rows.get(id)!.checksPending),
      [false, false],
    );
    assert.equal((await binShapes(bin)).shapes.find((shape) => shape.eventType === "charge.succeeded")?.samples, 2);
  } finally {
    learner.stop();
  }
});
