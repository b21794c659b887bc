// Capture benchmark: Hookscope's capture path against a plain node:http + better-sqlite3 baseline
// measured in the same run (absolute numbers drift on a shared machine; the ratio is what counts),
// then capture → socket.io event latency. `npm run bench`; needs `npm run build` first.
//
// Settings (env): BENCH_SECONDS (10) measured window per run, BENCH_WARMUP_SECONDS (2),
// BENCH_ROUNDS (3) rounds of baseline-then-hookscope, medians reported, BENCH_CONNECTIONS (32),
// BENCH_LATENCY_RATE (200 req/s) and BENCH_LATENCY_SECONDS (5) for the latency phase.
// Last stdout line: one JSON object with every figure. Exit 1 only when something broke.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { CreatedBin } from "../lib/api-types";
import { measureLatency, type LatencyResult } from "./latency";
import { runLoad, type LoadResult } from "./load";
import { freePort, installCleanup, makeTempDir, startServer, type ServerProcess } from "./processes";

const ROOT_DIR = fileURLToPath(new URL("..", import.meta.url));
const TARGET_RATIO = 0.5;

function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

interface Settings {
  connections: number;
  warmupSeconds: number;
  seconds: number;
  rounds: number;
  latencyRate: number;
  latencySeconds: number;
}

function readSettings(): Settings {
  return {
    connections: intSetting("BENCH_CONNECTIONS", 32, 1, 256),
    warmupSeconds: intSetting("BENCH_WARMUP_SECONDS", 2, 1, 60),
    seconds: intSetting("BENCH_SECONDS", 10, 1, 120),
    rounds: intSetting("BENCH_ROUNDS", 3, 1, 9),
    latencyRate: intSetting("BENCH_LATENCY_RATE", 200, 1, 2000),
    latencySeconds: intSetting("BENCH_LATENCY_SECONDS", 5, 1, 60),
  };
}

// A typical small webhook; ~110 bytes, like the toolchain note's reference measurement.
const BODY = JSON.stringify({
  type: "invoice.paid",
  id: "evt_1PZx8dK2b001",
  data: { amount: 4200, currency: "eur", customer: "cus_Qbench" },
});

const MAX_ROWS_PER_BIN = 1_000_000;
const HOOKSCOPE_BENCH_ENV = {
  RATE_LIMIT_PER_BIN: "0",
  RATE_LIMIT_PER_ADDRESS: "0",
  BIN_MAX_REQUESTS: String(MAX_ROWS_PER_BIN),
};

type TargetName = "baseline" | "hookscope";

interface Target {
  name: TargetName;
  server: ServerProcess;
  newBin(label: string): Promise<{ id: string; ownerToken: string }>;
}

interface RoundResult {
  round: number;
  target: TargetName;
  warmupBin: string;
  measuredBin: string;
  warmup: LoadResult;
  measured: LoadResult;
}

async function createHookscopeBin(baseUrl: string): Promise<{ id: string; ownerToken: string }> {
  const response = await fetch(`${baseUrl}/api/bins`, { method: "POST", signal: AbortSignal.timeout(10_000) });
  if (response.status !== 201) throw new Error(`POST /api/bins answered ${response.status}: ${await response.text()}`);
  const bin = (await response.json()) as CreatedBin;
  return { id: bin.id, ownerToken: bin.ownerToken };
}

async function startBaseline(dir: string): Promise<{ server: ServerProcess; databaseFile: string }> {
  const port = await freePort();
  const databaseFile = path.join(dir, "baseline.db");
  const server = await startServer({
    name: "baseline",
    args: ["--import", "tsx", path.join(ROOT_DIR, "bench", "baseline-server.ts")],
    cwd: ROOT_DIR,
    env: { PORT: String(port), BASELINE_DATABASE_FILE: databaseFile },
    port,
    healthPath: "/health",
    readyTimeoutMs: 30_000,
  });
  return { server, databaseFile };
}

async function startHookscope(dir: string): Promise<{ server: ServerProcess; databaseFile: string }> {
  const port = await freePort();
  const databaseFile = path.join(dir, "bench.db");
  const server = await startServer({
    name: "hookscope",
    args: [path.join(ROOT_DIR, "dist", "server.mjs")],
    cwd: ROOT_DIR,
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${databaseFile}`,
      NEXT_TELEMETRY_DISABLED: "1",
      // One client on loopback hammering one bin is exactly what the limiters exist to stop, and
      // the default retention (1000 per bin) would prune rows the count check expects.
      ...HOOKSCOPE_BENCH_ENV,
    },
    port,
    healthPath: "/api/health",
    readyTimeoutMs: 60_000,
  });
  return { server, databaseFile };
}

/** Rows per bin, read after the server has stopped so that nothing is still in flight. */
function countRows(databaseFile: string, table: string, binColumn: string): Map<string, number> {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT "${binColumn}" AS bin, COUNT(*) AS n FROM "${table}" GROUP BY "${binColumn}"`).all() as {
      bin: string;
      n: number;
    }[];
    return new Map(rows.map((row) => [row.bin, row.n]));
  } finally {
    db.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const fmtInt = (value: number) => Math.round(value).toLocaleString("en-US");
const fmtMs = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "n/a");
const round2 = (value: number) => Math.round(value * 100) / 100;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

function describeProblems(label: string, result: LoadResult): string[] {
  const problems: string[] = [];
  if (result.non2xx > 0) {
    const hint = result.statusCodes["429"] ? ` — rate limited: the bench turns limits off with ${Object.keys(HOOKSCOPE_BENCH_ENV).join(", ")}; were they renamed?` : "";
    problems.push(`${label}: ${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodes)})${hint}`);
  }
  if (result.errors > 0) problems.push(`${label}: ${result.errors} connection errors (${result.timeouts} timeouts)`);
  if (result.hitHardLimit) problems.push(`${label}: stopped at its time limit`);
  if (result.ok2xx === 0) problems.push(`${label}: no 2xx answer at all`);
  return problems;
}

async function main(): Promise<number> {
  installCleanup();
  const settings = readSettings();
  const bundle = path.join(ROOT_DIR, "dist", "server.mjs");
  if (!existsSync(bundle)) throw new Error("dist/server.mjs is missing: run `npm run build` first.");
  // Checked up front because `next build` removes .next while it runs, and the server's own error
  // would only come after the baseline has started.
  if (!existsSync(path.join(ROOT_DIR, ".next", "BUILD_ID"))) {
    throw new Error("no Next.js production build (.next/BUILD_ID): run `npm run build` first, or wait for the build in progress.");
  }

  console.log(`Hookscope capture benchmark — Node ${process.version}, ${availableParallelism()} CPUs`);
  console.log(
    `  ${settings.connections} connections, POST ${Buffer.byteLength(BODY)}-byte JSON, warm-up ${settings.warmupSeconds} s + ` +
      `window ~${settings.seconds} s per run, ${settings.rounds} round(s) of baseline then hookscope`,
  );

  const dir = makeTempDir("run");
  const problems: string[] = [];

  // One at a time: Next's start-up would otherwise steal CPU from the other server's start.
  const baseline = await startBaseline(dir);
  const hookscope = await startHookscope(dir);
  console.log(`  baseline on ${baseline.server.url}, hookscope on ${hookscope.server.url}`);

  let baselineBins = 0;
  const targets: Target[] = [
    { name: "baseline", server: baseline.server, newBin: async (label) => ({ id: `${label}-${++baselineBins}`, ownerToken: "" }) },
    { name: "hookscope", server: hookscope.server, newBin: () => createHookscopeBin(hookscope.server.url) },
  ];

  const rounds: RoundResult[] = [];
  const lastRate = new Map<TargetName, number>();
  for (let round = 1; round <= settings.rounds; round++) {
    for (const target of targets) {
      const warmupBin = await target.newBin("warmup");
      const warmup = await runLoad({
        url: `${target.server.url}/h/${warmupBin.id}/bench/warmup`,
        connections: settings.connections,
        body: BODY,
        stopAfter: { seconds: settings.warmupSeconds },
        hardLimitMs: (settings.warmupSeconds + 15) * 1000,
      });
      problems.push(...describeProblems(`round ${round} ${target.name} warm-up`, warmup));

      // A fixed number of requests, not a fixed duration: a duration run drops the requests in
      // flight when it ends, which the server may still have stored, so the row count could not
      // be compared exactly with the 2xx count. The number is sized to last about `seconds`.
      const rate = lastRate.get(target.name) ?? warmup.tailRequestsPerSecond;
      const amount = Math.min(MAX_ROWS_PER_BIN, Math.max(settings.connections * 10, Math.round(rate * settings.seconds)));
      const measuredBin = await target.newBin("measured");
      const measured = await runLoad({
        url: `${target.server.url}/h/${measuredBin.id}/bench/measured`,
        connections: settings.connections,
        body: BODY,
        stopAfter: { requests: amount },
        hardLimitMs: (settings.seconds * 3 + 30) * 1000,
      });
      problems.push(...describeProblems(`round ${round} ${target.name}`, measured));
      lastRate.set(target.name, measured.requestsPerSecond);
      rounds.push({ round, target: target.name, warmupBin: warmupBin.id, measuredBin: measuredBin.id, warmup, measured });
      console.log(
        `  round ${round} ${target.name.padEnd(9)} ${fmtInt(measured.requestsPerSecond).padStart(7)} req/s  ` +
          `(${fmtInt(measured.ok2xx)} × 2xx in ${measured.elapsedSeconds.toFixed(2)} s, non-2xx ${measured.non2xx}, errors ${measured.errors}; ` +
          `latency p50 ${measured.latencyP50Ms} ms p99 ${measured.latencyP99Ms} ms; warm-up ${fmtInt(warmup.requestsPerSecond)} req/s)`,
      );
    }
  }

  const latencyBin = await createHookscopeBin(hookscope.server.url);
  let latency: LatencyResult | null = null;
  try {
    latency = await measureLatency({
      baseUrl: hookscope.server.url,
      binId: latencyBin.id,
      ownerToken: latencyBin.ownerToken,
      body: BODY,
      rate: settings.latencyRate,
      seconds: settings.latencySeconds,
      graceMs: 5000,
    });
  } catch (error) {
    problems.push(`latency: ${error instanceof Error ? error.message : String(error)}`);
  }

  await baseline.server.stop();
  await hookscope.server.stop();
  for (const server of [baseline.server, hookscope.server]) {
    if (server.child.exitCode !== 0) problems.push(`${server.name} did not exit cleanly (code ${server.child.exitCode}, signal ${server.child.signalCode})`);
  }

  // Every 2xx must be a stored row, and nothing beyond what was answered.
  const rowsByBin: Record<TargetName, Map<string, number>> = {
    baseline: countRows(baseline.databaseFile, "captured_request", "bin_id"),
    hookscope: countRows(hookscope.databaseFile, "CapturedRequest", "binId"),
  };
  const rowChecks: Record<TargetName, { rows: number; ok2xx: number }> = {
    baseline: { rows: 0, ok2xx: 0 },
    hookscope: { rows: 0, ok2xx: 0 },
  };
  for (const result of rounds) {
    const rows = rowsByBin[result.target];
    const measuredRows = rows.get(result.measuredBin) ?? 0;
    rowChecks[result.target].rows += measuredRows;
    rowChecks[result.target].ok2xx += result.measured.ok2xx;
    if (measuredRows !== result.measured.ok2xx) {
      const hint = measuredRows < result.measured.ok2xx && result.target === "hookscope" ? ` (pruned? the bench sets BIN_MAX_REQUESTS=${MAX_ROWS_PER_BIN})` : "";
      problems.push(`round ${result.round} ${result.target}: ${measuredRows} rows stored for ${result.measured.ok2xx} 2xx answers${hint}`);
    }
    // The warm-up ends on a deadline, cutting up to one request per connection mid-flight; those
    // may or may not have been stored, so only that window is tolerated.
    const warmupRows = rows.get(result.warmupBin) ?? 0;
    const { ok2xx } = result.warmup;
    if (warmupRows < ok2xx || warmupRows > ok2xx + settings.connections) {
      problems.push(`round ${result.round} ${result.target} warm-up: ${warmupRows} rows stored for ${ok2xx} 2xx answers`);
    }
  }
  let latencyRows: number | null = null;
  if (latency) {
    latencyRows = rowsByBin.hookscope.get(latencyBin.id) ?? 0;
    if (latencyRows !== latency.answered2xx) problems.push(`latency: ${latencyRows} rows stored for ${latency.answered2xx} 2xx answers`);
    if (latency.non2xx > 0) problems.push(`latency: ${latency.non2xx} non-2xx answers`);
    if (latency.errors > 0) problems.push(`latency: ${latency.errors} request errors`);
    if (latency.missingEvents > 0) problems.push(`latency: ${latency.missingEvents} request:new events missing`);
    if (latency.unexpectedEvents > 0) problems.push(`latency: ${latency.unexpectedEvents} events for unknown ids`);
  }

  const rateOf = (name: TargetName) => rounds.filter((r) => r.target === name).map((r) => r.measured.requestsPerSecond);
  const baselineRps = median(rateOf("baseline"));
  const hookscopeRps = median(rateOf("hookscope"));
  const ratio = baselineRps > 0 ? hookscopeRps / baselineRps : Number.NaN;
  const meetsTarget = ratio >= TARGET_RATIO;

  console.log("");
  console.log(
    `throughput (median of ${settings.rounds}): baseline ${fmtInt(baselineRps)} req/s, hookscope ${fmtInt(hookscopeRps)} req/s, ` +
      `ratio ${ratio.toFixed(3)} → ${meetsTarget ? "PASS" : "WARN"} (target ≥ ${TARGET_RATIO})`,
  );
  for (const name of ["baseline", "hookscope"] as const) {
    const check = rowChecks[name];
    console.log(`rows: ${name} stored ${fmtInt(check.rows)} rows for ${fmtInt(check.ok2xx)} 2xx answers in the measured windows → ${check.rows === check.ok2xx ? "OK" : "MISMATCH"}`);
  }
  if (latency) {
    console.log(
      `latency capture → request:new at ${settings.latencyRate} req/s for ${settings.latencySeconds} s (achieved ${latency.achievedRate.toFixed(0)} req/s): ` +
        `p50 ${fmtMs(latency.captureToEventMs.p50)}, p99 ${fmtMs(latency.captureToEventMs.p99)}, max ${fmtMs(latency.captureToEventMs.max)}; ` +
        `missing ${latency.missingEvents} of ${latency.answered2xx} (HTTP answer p50 ${fmtMs(latency.captureResponseMs.p50)}, p99 ${fmtMs(latency.captureResponseMs.p99)})`,
    );
  }
  for (const problem of problems) console.log(`PROBLEM: ${problem}`);
  const status = problems.length > 0 ? "FAIL" : meetsTarget ? "PASS" : "WARN";
  console.log(`result: ${status}`);

  const report = {
    bench: "hookscope-capture",
    status,
    node: process.version,
    cpus: availableParallelism(),
    settings: { ...settings, bodyBytes: Buffer.byteLength(BODY) },
    throughput: {
      baselineRps: Math.round(baselineRps),
      hookscopeRps: Math.round(hookscopeRps),
      ratio: round3(ratio),
      targetRatio: TARGET_RATIO,
      meetsTarget,
      runs: rounds.map((r) => ({
        round: r.round,
        target: r.target,
        rps: Math.round(r.measured.requestsPerSecond),
        ok2xx: r.measured.ok2xx,
        non2xx: r.measured.non2xx,
        errors: r.measured.errors,
        seconds: round2(r.measured.elapsedSeconds),
        latencyP50Ms: r.measured.latencyP50Ms,
        latencyP99Ms: r.measured.latencyP99Ms,
        warmupRps: Math.round(r.warmup.requestsPerSecond),
      })),
    },
    rows: {
      baseline: rowChecks.baseline,
      hookscope: rowChecks.hookscope,
      hookscopeLatencyBin: latency ? { rows: latencyRows, ok2xx: latency.answered2xx } : null,
    },
    latency: latency
      ? {
          rate: settings.latencyRate,
          seconds: settings.latencySeconds,
          achievedRate: round2(latency.achievedRate),
          sent: latency.sent,
          ok2xx: latency.answered2xx,
          events: latency.events,
          missingEvents: latency.missingEvents,
          p50Ms: round2(latency.captureToEventMs.p50),
          p99Ms: round2(latency.captureToEventMs.p99),
          maxMs: round2(latency.captureToEventMs.max),
          httpP50Ms: round2(latency.captureResponseMs.p50),
          httpP99Ms: round2(latency.captureResponseMs.p99),
        }
      : null,
    problems,
  };
  console.log(JSON.stringify(report));
  return problems.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    // Still one parseable last line, so CI can tell "broke" from "slow".
    console.log(JSON.stringify({ bench: "hookscope-capture", status: "ERROR", problems: [message] }));
    process.exit(1);
  },
);
