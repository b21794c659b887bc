// The background shape learner: capture stores a JSON row marked "shapePending" and answers; this learns
// the rows' shapes, flags their drift and checks them against their type's owner schema a batch at a
// time, then tells open inspectors (requests.checked). Until then the API and the UI say "pending".
import { performance } from "node:perf_hooks";
import type { CheckedRequest } from "@/lib/shared/api-types";
import type { LearnRows, ShapeRow } from "@/lib/server/queries/hot-store-types";
import { shapeLearnerStore } from "@/lib/server/queries/hot-store";
import { loopLoad } from "@/lib/server/loop-load";
import { metrics } from "@/lib/server/metrics";
import { publish } from "@/lib/server/realtime/bus";
import { jsonBodyOf, type JsonBody } from "@/lib/server/shapes/json-body";
import { learnShapes } from "@/lib/server/shapes/learn";
import { hasParsedBody, setParsedBodiesWanted, takeParsedBody } from "@/lib/server/shapes/parsed-bodies";
import { checkSchemas } from "@/lib/server/shapes/schemas";
import { errorMessage } from "@/lib/shared/errors";

/** Rows per transaction: learning a Stripe-sized body costs about 6 to 30 us, so a batch holds the event loop a few ms. */
export const LEARN_BATCH_ROWS = 250;
/** Requests of a bin a re-check reads past per transaction (it reads the bodies of its schema's type only). */
export const RECHECK_SCAN_ROWS = 1000;
/** How often the learner looks for work: a capture's flags follow it by about this much while the server is quiet. */
const TICK_MS = 100;
/** Main-thread time one tick may spend, one batch after another with the event loop free in between. */
const TICK_BUDGET_MS = 50;
/**
 * Above this share of busy time on the main thread since the last tick (the learner's own left out), a
 * tick spends at most BUSY_TICK_BUDGET_MS. A row costs the learner about a sixth of what capturing it
 * did, so with a tenth of the thread it fell behind under full load (13,000 captures/s in one process),
 * and rows it reached late had lost their handed-over bodies and ledger entries (parsed-bodies.ts,
 * sqlite-capture-ledger.ts): read back, walked and parsed again, each cost more. With 30 ms of every
 * 100 ms it stayed within 0.1 s of capture in the same runs.
 */
const BUSY_UTILIZATION = 0.5;
const BUSY_TICK_BUDGET_MS = 30;

/** Learns one bin's rows, oldest first, and checks them against their types' schemas. */
const learnRows: LearnRows = (rows, shapes, schemas) => {
  const bodies = new Map<ShapeRow, JsonBody | null>(rows.map((row) => [row, takeParsedBody(row.id) ?? jsonBodyOf(row.contentType, row.body)]));
  const bodyOf = (row: ShapeRow) => bodies.get(row) ?? null;
  const learnt = learnShapes(rows, bodyOf, shapes);
  if (schemas.size > 0) checkSchemas(rows, bodyOf, schemas);
  return learnt;
};

function announce(rows: ShapeRow[]): void {
  const byBin = new Map<string, CheckedRequest[]>();
  for (const row of rows) {
    const checked: CheckedRequest = { id: row.id, shapeDrift: row.shapeDrift, schemaResult: row.schemaResult as CheckedRequest["schemaResult"] };
    const list = byBin.get(row.binId);
    if (list) list.push(checked);
    else byBin.set(row.binId, [checked]);
  }
  for (const [binId, requests] of byBin) publish("requests.checked", { binId, requests });
}

/** One step: a batch of pending rows, else a batch of a schema's re-check. False when there was nothing to do. */
export async function learnStep(): Promise<boolean> {
  const store = shapeLearnerStore();
  const learnt = await store.learnBatch(LEARN_BATCH_ROWS, learnRows, hasParsedBody);
  if (learnt.length > 0) {
    metrics().shapeLearnerRows.inc({ work: "learn" }, learnt.length);
    announce(learnt);
    return true;
  }
  const rechecked = await store.recheckBatch(RECHECK_SCAN_ROWS, (rows, schema) =>
    checkSchemas(rows, (row) => jsonBodyOf(row.contentType, row.body), new Map([[schema.eventType, schema]])),
  );
  if (rechecked === null) return false;
  if (rechecked.length > 0) {
    metrics().shapeLearnerRows.inc({ work: "recheck" }, rechecked.length);
    announce(rechecked);
  }
  return true;
}

export interface ShapeLearner {
  /** Resolves once nothing is pending and no re-check is left (work is done at once, busy or not). */
  caughtUp(): Promise<void>;
  stop(): void;
}

/**
 * Runs the learner every TICK_MS for up to TICK_BUDGET_MS (BUSY_TICK_BUDGET_MS while the main thread is busy). On start it
 * catches up with whatever a restart left pending. On PostgreSQL it runs on the elected instance only.
 */
export function startShapeLearner(): ShapeLearner {
  let stopped = false;
  let running = false;
  let lastError: string | null = null;
  const load = loopLoad();
  let waiters: (() => void)[] = [];

  const run = async (started: number, budgetMs: number) => {
    let worked = false;
    const before = performance.now();
    try {
      worked = await learnStep();
      lastError = null;
    } catch (error) {
      // A busy or lost database: the rows stay pending and the next tick tries again.
      const message = errorMessage(error);
      if (message !== lastError) console.error("shapes: background learning failed (the rows stay pending):", message);
      lastError = message;
    }
    const now = performance.now();
    load.spent(now - before);
    metrics().shapeLearnerSeconds.inc((now - before) / 1000);
    if (!worked && lastError === null) {
      for (const resolve of waiters) resolve();
      waiters = [];
      timer.unref();
    }
    if (worked && !stopped && now - started < budgetMs) setImmediate(() => void run(started, budgetMs));
    else running = false;
  };
  const tick = () => {
    const others = load.othersShare();
    if (stopped || running) return;
    running = true;
    void run(performance.now(), others > BUSY_UTILIZATION && waiters.length === 0 ? BUSY_TICK_BUDGET_MS : TICK_BUDGET_MS);
  };
  const timer = setInterval(tick, TICK_MS);
  timer.unref();
  setParsedBodiesWanted(true);
  return {
    caughtUp: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        // Only a caller waiting keeps the process alive for the learner.
        timer.ref();
      }),
    stop: () => {
      stopped = true;
      clearInterval(timer);
      setParsedBodiesWanted(false);
    },
  };
}
