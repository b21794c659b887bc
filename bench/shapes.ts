// What learning event shapes adds to capture: the same build, the same data, three settings of
// EVENT_SHAPES (off: no JSON parsed; types: event types only; on: types and shapes), each measured
// on a bin that already holds BENCH_SHAPE_FILL requests, in alternating rounds of one run (the
// ratios are what count: absolute numbers drift on a shared machine). SQLite.
// `npm run bench:shapes`; needs `npm run build` first.
//
// Settings (env), defaults in brackets:
//   BENCH_SHAPE_FILL [100000]   requests stored in the bin before measuring: BENCH_SHAPE_SEED [500]
//                               captured over HTTP (they teach the shape), the rest copies of them
//                               written straight into the database file (capturing 100,000 through
//                               HTTP takes longer than the measurement); the file is then copied per mode
//   BENCH_SECONDS [8], BENCH_WARMUP_SECONDS [2], BENCH_ROUNDS [3], BENCH_CONNECTIONS [32]
// The body is a Stripe-like charge.succeeded event (about 1.3 KB) whose values vary per request,
// with a new enum-like value now and then, so every request is parsed, compared and merged.
// Shapes are learnt in the background (lib/server/shapes/learner.ts) and search-indexed in the
// background (in every mode): a round's figure is the server's CPU time (from /proc, which other load
// on the machine sways less than req/s) from the start of its load until both have caught up with
// every row it stored (read from the database file, so nothing asks the server meanwhile), less the
// search indexer's own CPU time (hookscope_search_indexer_seconds_total: the same work in every mode,
// and as much again as a capture), per capture. The learner's work counts wherever it falls.
// Last stdout line: one JSON object with every figure.
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import path from "node:path";
import type { CreatedBin } from "../lib/shared/api-types";
import { intSetting, median, runBench } from "./common";
import { copySqliteRows } from "./databases";
import { runLoad, type LoadResult } from "./load";
import { installCleanup, makeTempDir, ROOT_DIR, startHookscopeServer, type ServerProcess } from "./processes";

const MODES = ["off", "types", "on"] as const;
type Mode = (typeof MODES)[number];
const TARGET_ADDED = 0.1;

function body(n: number): string {
  return JSON.stringify({
    id: `evt_${n.toString(36).padStart(12, "0")}`,
    object: "event",
    api_version: "2025-10-29.clover",
    created: 1764496800 + n,
    type: "charge.succeeded",
    livemode: false,
    pending_webhooks: 1,
    request: { id: `req_${n}`, idempotency_key: "b6f0e3a1-2c4d-4e5f-8a9b-0c1d2e3f4a5b" },
    data: {
      object: {
        id: `ch_${n.toString(36)}`,
        object: "charge",
        amount: 1000 + (n % 9000),
        amount_captured: 1000 + (n % 9000),
        amount_refunded: 0,
        currency: ["eur", "usd", "gbp"][n % 3],
        customer: `cus_${(n % 500).toString(36)}`,
        description: "Annual plan",
        captured: true,
        paid: true,
        refunded: false,
        status: "succeeded",
        receipt_email: n % 4 === 0 ? null : `user${n % 1000}@example.com`,
        receipt_url: `https://pay.stripe.com/receipts/payment/ch_${n.toString(36)}`,
        created_at: new Date(1764496800000 + n * 1000).toISOString(),
        payment_method_details: {
          type: "card",
          card: { brand: ["visa", "mastercard"][n % 2], last4: String(1000 + (n % 9000)), exp_month: 1 + (n % 12), exp_year: 2028, country: "DE" },
        },
        metadata: n % 10 === 0 ? { order_id: `A-${n}` } : {},
        outcome: { network_status: "approved_by_network", risk_level: "normal", risk_score: n % 100, seller_message: "Payment complete.", type: "authorized" },
      },
    },
  });
}

const HEADERS = { "content-type": "application/json", "stripe-signature": "t=1764496800,v1=00" };

const METRICS_TOKEN = "bench-shapes-metrics-token";

function start(name: string, mode: Mode, databaseUrl: string): Promise<ServerProcess> {
  return startHookscopeServer({ name, databaseUrl, env: { EVENT_SHAPES: mode, METRICS_TOKEN } });
}

/** The search indexer's CPU time so far (hookscope_search_indexer_seconds_total), in ms. */
async function indexerMs(server: ServerProcess): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const line = text.split("\n").find((l) => l.startsWith("hookscope_search_indexer_seconds_total "));
  if (line === undefined) throw new Error("the server reports no hookscope_search_indexer_seconds_total");
  return Number(line.split(" ")[1]) * 1000;
}

/** CPU time (user + system, ms) the process has used: less swayed by other load on the machine than req/s. */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/**
 * Waits until the learner (when it runs) and the search indexer have passed the newest stored row,
 * reading their marks from the file; returns how long that took in ms.
 */
async function untilCaughtUp(file: string, learns: boolean): Promise<number> {
  const started = performance.now();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const marks = db.prepare<[], { newest: number | null; learnedTo: number; indexedTo: number }>(
      `SELECT (SELECT max(rowid) FROM "CapturedRequest") AS newest, (SELECT "learnedTo" FROM "ShapeLearner_watermark") AS learnedTo,
              (SELECT "indexedTo" FROM "CapturedRequestSearch_watermark") AS indexedTo`,
    );
    for (;;) {
      const { newest, learnedTo, indexedTo } = marks.get()!;
      if (indexedTo >= (newest ?? 0) && (!learns || learnedTo >= (newest ?? 0))) return performance.now() - started;
      if (performance.now() - started > 300_000) throw new Error("the learner or the search indexer did not catch up within 300 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    db.close();
  }
}

function load(url: string, connections: number, stopAfter: { seconds: number } | { requests: number }, offset: number): Promise<LoadResult> {
  return runLoad({
    url,
    connections,
    body: body(offset),
    variant: (n) => ({ headers: HEADERS, body: body(offset + n) }),
    stopAfter,
    hardLimitMs: 600_000,
  });
}

runBench("shapes", async () => {
  installCleanup();
  if (!existsSync(path.join(ROOT_DIR, "dist", "server.mjs"))) throw new Error("dist/server.mjs is missing: run `npm run build` first");
  const fill = intSetting("BENCH_SHAPE_FILL", 100_000, 1, 1_000_000);
  const seed = Math.min(fill, intSetting("BENCH_SHAPE_SEED", 500, 1, 100_000));
  const seconds = intSetting("BENCH_SECONDS", 8, 1, 600);
  const warmup = intSetting("BENCH_WARMUP_SECONDS", 2, 0, 60);
  const rounds = intSetting("BENCH_ROUNDS", 3, 1, 20);
  const connections = intSetting("BENCH_CONNECTIONS", 32, 1, 1000);
  const dir = makeTempDir("shapes");
  const seedFile = path.join(dir, "seed.db");

  // One fill, with shapes on, copied for every mode: each measures on the same bin and rows.
  const seeder = await start("seed", "on", `file:${seedFile}`);
  const created = await fetch(`${seeder.url}/api/bins`, { method: "POST" });
  const bin = (await created.json()) as CreatedBin;
  const seeded = await load(`${seeder.url}/h/${bin.id}`, connections, { requests: seed }, 0);
  await untilCaughtUp(seedFile, true);
  await seeder.stop();
  const copies = Math.max(0, fill - seeded.ok2xx);
  copySqliteRows(seedFile, bin.id, copies);
  // The copies carry their learnt templates' flags: the learner's mark goes past them, as if it had read them.
  // And they are search-indexed here, once: otherwise each of the three servers' search indexers would
  // index 100,000 rows in the background during the first rounds (measured: round 1 at 66 to 240 req/s).
  const seedDb = new Database(seedFile);
  seedDb.transaction(() => {
    seedDb.prepare(`UPDATE "ShapeLearner_watermark" SET "learnedTo" = (SELECT max(rowid) FROM "CapturedRequest")`).run();
    seedDb
      .prepare(
        `INSERT INTO "CapturedRequestSearch"(rowid, "headers", "bodyText") SELECT rowid, "headers", "bodyText" FROM "CapturedRequest"
         WHERE rowid > (SELECT "indexedTo" FROM "CapturedRequestSearch_watermark")`,
      )
      .run();
    seedDb.prepare(`UPDATE "CapturedRequestSearch_watermark" SET "indexedTo" = (SELECT max(rowid) FROM "CapturedRequest")`).run();
  })();
  seedDb.pragma("wal_checkpoint(TRUNCATE)");
  seedDb.close();
  console.error(`bin holds ${(seeded.ok2xx + copies).toLocaleString("en-US")} requests (${seeded.ok2xx} captured, ${copies} copied)`);
  const servers = new Map<Mode, ServerProcess>();
  const files = new Map<Mode, string>();
  for (const mode of MODES) {
    const file = path.join(dir, `${mode}.db`);
    copyFileSync(seedFile, file);
    for (const suffix of ["-wal", "-shm"]) if (existsSync(`${seedFile}${suffix}`)) copyFileSync(`${seedFile}${suffix}`, `${file}${suffix}`);
    files.set(mode, file);
    servers.set(mode, await start(mode, mode, `file:${file}`));
  }

  const rates = new Map<Mode, number[]>(MODES.map((mode) => [mode, []]));
  /** CPU from the load's start until the background work on its rows is done, the search indexer's left out, per capture. */
  const cpuPerCapture = new Map<Mode, number[]>(MODES.map((mode) => [mode, []]));
  const catchUpMs = new Map<Mode, number[]>(MODES.map((mode) => [mode, []]));
  const indexerPerCapture = new Map<Mode, number[]>(MODES.map((mode) => [mode, []]));
  const problems: string[] = [];
  let offset = fill;
  for (let round = 1; round <= rounds; round++) {
    // The order turns each round, so no mode always runs first (or last) on a warming machine.
    const order = MODES.map((_, i) => MODES[(i + round) % MODES.length]!);
    for (const mode of order) {
      const url = `${servers.get(mode)!.url}/h/${bin.id}`;
      const learns = mode === "on";
      if (warmup > 0) await load(url, connections, { seconds: warmup }, offset);
      // The warm-up's rows are learnt and indexed before the measured window, so their work is not in it.
      await untilCaughtUp(files.get(mode)!, learns);
      offset += 1_000_000;
      const pid = servers.get(mode)!.child.pid;
      const indexerBefore = await indexerMs(servers.get(mode)!);
      const cpuBefore = cpuMs(pid);
      const result = await load(url, connections, { seconds }, offset);
      const waited = await untilCaughtUp(files.get(mode)!, learns);
      const cpuAfter = cpuMs(pid);
      const indexed = (await indexerMs(servers.get(mode)!)) - indexerBefore;
      const cpuUs = ((cpuAfter - cpuBefore - indexed) * 1000) / Math.max(1, result.ok2xx);
      indexerPerCapture.get(mode)!.push((indexed * 1000) / Math.max(1, result.ok2xx));
      cpuPerCapture.get(mode)!.push(cpuUs);
      catchUpMs.get(mode)!.push(waited);
      offset += 1_000_000;
      if (result.non2xx + result.errors > 0) problems.push(`${mode} round ${round}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      rates.get(mode)!.push(result.requestsPerSecond);
      console.error(
        `round ${round} ${mode.padEnd(5)} ${Math.round(result.requestsPerSecond)} req/s  p99 ${result.latencyP99Ms.toFixed(1)} ms  server CPU ${cpuUs.toFixed(0)} µs/capture in all (search indexer's ${indexerPerCapture.get(mode)!.at(-1)!.toFixed(0)} µs left out; background caught up ${(waited / 1000).toFixed(1)} s after the load)`,
      );
    }
  }
  for (const server of servers.values()) await server.stop();

  const medians = Object.fromEntries(MODES.map((mode) => [mode, median(rates.get(mode)!)])) as Record<Mode, number>;
  const cpu = Object.fromEntries(MODES.map((mode) => [mode, median(cpuPerCapture.get(mode)!)])) as Record<Mode, number>;
  // Cost per request is 1/rate: the added share is how much longer a capture takes.
  const added = (mode: Mode) => medians.off / medians[mode] - 1;
  const addedCpu = (mode: Mode) => cpu[mode] / cpu.off - 1;
  const report = {
    bench: "shapes",
    fill,
    rounds,
    seconds,
    connections,
    requestsPerSecond: Object.fromEntries(MODES.map((mode) => [mode, Math.round(medians[mode])])),
    addedCost: { types: Math.round(added("types") * 1000) / 1000, on: Math.round(added("on") * 1000) / 1000 },
    serverCpuMicrosPerCapture: Object.fromEntries(MODES.map((mode) => [mode, Math.round(cpu[mode])])),
    serverCpuMicrosPerCaptureRounds: Object.fromEntries(MODES.map((mode) => [mode, cpuPerCapture.get(mode)!.map(Math.round)])),
    addedCpu: { types: Math.round(addedCpu("types") * 1000) / 1000, on: Math.round(addedCpu("on") * 1000) / 1000 },
    searchIndexerMicrosPerCaptureLeftOut: Object.fromEntries(MODES.map((mode) => [mode, Math.round(median(indexerPerCapture.get(mode)!))])),
    catchUpSecondsMedian: Object.fromEntries(MODES.map((mode) => [mode, Math.round(median(catchUpMs.get(mode)!) / 100) / 10])),
    target: TARGET_ADDED,
    status: problems.length > 0 ? "ERROR" : addedCpu("on") < TARGET_ADDED ? "OK" : "WARN",
    problems,
  };
  console.error(
    `median req/s: off ${report.requestsPerSecond.off}, types ${report.requestsPerSecond.types}, on ${report.requestsPerSecond.on} ` +
      `(types ${(added("types") * 100).toFixed(1)} %, types+shapes ${(added("on") * 100).toFixed(1)} %); ` +
      `server CPU per capture in all: off ${cpu.off.toFixed(0)} µs, types ${cpu.types.toFixed(0)} µs (+${(addedCpu("types") * 100).toFixed(1)} %), ` +
      `on ${cpu.on.toFixed(0)} µs (+${(addedCpu("on") * 100).toFixed(1)} %; target < ${TARGET_ADDED * 100} %)`,
  );
  console.log(JSON.stringify(report));
  return problems.length > 0 ? 1 : 0;
});
