// Forwarding benchmark: webhooks sent to a relay and delivered to a local receiver, end to end, for
//   1. the baseline: a minimal server-sent-events relay in the design of smee (bench/sse-relay-server.ts
//      and bench/sse-relay-client.ts: the server pushes each request to the client's event stream, the
//      client re-sends it with fetch() at once, without waiting for the previous one);
//   2. Hookscope: the built server (dist/server.mjs, SQLite in a temp dir) and `hookscope forward
//      <ownerUrl> --to <receiver> --quiet` (bin/hookscope.mjs) as a child process.
// Senders and the receiver live in this process, so send and arrival times share one clock. Every
// request carries its id in `x-bench-id` and in its JSON body; the receiver checks method, path and
// body byte for byte and counts arrivals per id (lost: answered 2xx but not arrived by the end of the
// run; duplicate: arrived more than once). The receiver keeps Node's default 5 s keep-alive, like a
// local development server; each phase starts once the previous burst's idle connections have
// closed. Per system and round: a warm-up, then
//   - throughput: BENCH_FORWARD_COUNT requests from BENCH_FORWARD_CONNECTIONS keep-alive senders as
//     fast as the relay answers; deliveries/s = delivered / (last arrival − first send);
//   - latency: BENCH_FORWARD_RATE req/s for BENCH_FORWARD_SECONDS s; send → arrival p50/p99.
// A relay cannot deliver faster than it answers the senders: the table shows both rates. The
// throughput phase lasts only a second or two at the defaults, so single runs scatter; use
// BENCH_FORWARD_ROUNDS=3 for figures worth comparing.
// `npm run bench:forward`; needs a production build first (`npm run build`, or with NEXT_DIST_DIR set,
// the same NEXT_DIST_DIR here). Nothing is written into the repository: the report is the output.
//
// Settings (env), defaults in brackets:
//   BENCH_FORWARD_SYSTEMS [baseline,hookscope]  which systems, in that order
//   BENCH_FORWARD_COUNT [5000]           requests in the throughput phase
//   BENCH_FORWARD_CONNECTIONS [16]       concurrent keep-alive senders in the throughput phase
//   BENCH_FORWARD_RATE [200] req/s and BENCH_FORWARD_SECONDS [5] for the latency phase
//   BENCH_FORWARD_DRAIN_SECONDS [120]    after the last answer to a sender, how long to wait for the
//                                        deliveries still on their way (then they count as lost)
//   BENCH_FORWARD_ROUNDS [1]             rounds of baseline-then-hookscope (medians reported)
//   BENCH_FORWARD_WARMUP [1000]          requests sent like the throughput phase's (same senders) and
//                                        waited for before each round's phases: JIT, pools
//   BENCH_FORWARD_READY_SECONDS [60]     how long a relay may take to start forwarding
//   BENCH_FORWARD_CLI_ARGS [""]          extra arguments for `hookscope forward`, space-separated,
//                                        e.g. "--concurrency 8"
// Readiness: the CLI is waited for until it prints a line containing "Forwarding"; a CLI that prints
// none (with --quiet) is probed instead: from 2 s on, a probe request every 0.5 s until one arrives.
// Last stdout line: one JSON object with every figure. Exit 1 only when something broke (a process
// crashed, a sender got a non-2xx answer or an error, Hookscope lost, duplicated or altered a
// request); a missed target is WARN with exit 0.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { CreatedBin } from "../lib/shared/api-types";
import { percentile } from "./latency";
import { errorText, intSetting, listSetting, median, runBench } from "./common";
import {
  freePort,
  installCleanup,
  makeTempDir,
  ROOT_DIR,
  spawnChild,
  startHookscopeServer,
  startServer,
  type ChildHandle,
  type ServerProcess,
} from "./processes";

const TARGETS = {
  /** Hookscope's deliveries per second over the baseline's, at least. */
  throughputRatio: 1.5,
  /** Hookscope's p50 over the baseline's, at most. */
  p50Ratio: 1,
} as const;

// Where the receiver listens and the subpath every request is sent to: it must arrive at RECEIVER_PATH + SUBPATH.
const RECEIVER_PATH = "/hook";
const SUBPATH = "/stripe";
const SEND_TIMEOUT_MS = 30_000;
// The latency phase fires on schedule without waiting for answers; past this many unanswered it waits.
const MAX_IN_FLIGHT = 2000;
// After a drain, a short pause so that a duplicate right behind the last delivery is seen.
const SETTLE_MS = 300;
// Before a phase, idle connections left by the previous burst must have closed (Node's 5 s keep-alive):
// thousands closing at once stall this process, which times the arrivals.
const QUIET_CONNECTIONS = 32;
const QUIET_MAX_MS = 10_000;
const PROBE_AFTER_MS = 2000;
const PROBE_EVERY_MS = 500;

type SystemName = "baseline" | "hookscope";
type PhaseKind = "probe" | "warmup" | "throughput" | "latency";

interface Settings {
  systems: SystemName[];
  count: number;
  connections: number;
  rate: number;
  seconds: number;
  drainSeconds: number;
  rounds: number;
  warmup: number;
  readySeconds: number;
  cliArgs: string[];
  distDir: string;
}

function readSettings(): Settings {
  const systems = listSetting<SystemName>("BENCH_FORWARD_SYSTEMS", ["baseline", "hookscope"], "baseline,hookscope");
  return {
    systems,
    count: intSetting("BENCH_FORWARD_COUNT", 5000, 1, 1_000_000),
    connections: intSetting("BENCH_FORWARD_CONNECTIONS", 16, 1, 256),
    rate: intSetting("BENCH_FORWARD_RATE", 200, 1, 5000),
    seconds: intSetting("BENCH_FORWARD_SECONDS", 5, 1, 120),
    drainSeconds: intSetting("BENCH_FORWARD_DRAIN_SECONDS", 120, 1, 3600),
    rounds: intSetting("BENCH_FORWARD_ROUNDS", 1, 1, 9),
    warmup: intSetting("BENCH_FORWARD_WARMUP", 1000, 0, 100_000),
    readySeconds: intSetting("BENCH_FORWARD_READY_SECONDS", 60, 1, 600),
    cliArgs: (process.env.BENCH_FORWARD_CLI_ARGS ?? "").split(/\s+/).filter(Boolean),
    distDir: process.env.NEXT_DIST_DIR || ".next",
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round2 = (value: number) => (Number.isFinite(value) ? Math.round(value * 100) / 100 : null);
const round3 = (value: number) => (Number.isFinite(value) ? Math.round(value * 1000) / 1000 : null);
const fmtInt = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "n/a");
const fmtMs = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "n/a");

/** A Stripe-like event of about 300 bytes, carrying its bench id; the receiver rebuilds it to compare. */
function bodyFor(id: string): string {
  return JSON.stringify({
    id: `evt_${id}`,
    object: "event",
    api_version: "2024-06-20",
    created: 1735689600,
    type: "invoice.paid",
    livemode: false,
    data: { object: { id: "in_1PZx8dK2b001", object: "invoice", amount_paid: 4200, currency: "eur", customer: "cus_Qbench" } },
    bench_id: id,
  });
}

// ---------------------------------------------------------------------------------------------
// What was sent and what arrived, per request id.

interface Phase {
  system: SystemName;
  round: number;
  kind: PhaseKind;
  ids: string[];
  /** Set when the wait for deliveries ended: true if everything answered 2xx had arrived. */
  drained: boolean | null;
  /** Why the wait ended early, when it did. */
  drainCut: "timeout" | "process exited" | null;
  /** Seconds from the last answer to a sender until the drain ended. */
  drainWaitSeconds: number;
  /** The sending stopped at its time limit. */
  hitTimeLimit: boolean;
  /** Connections the relay opened to the receiver from the start of the phase to the end of its drain. */
  receiverConnections: number;
}

interface Tracked {
  phase: Phase;
  sentAt: number;
  answeredAt: number;
  /** HTTP status of the relay's answer; 0 before it, -1 for a request error. */
  status: number;
  error: string | null;
  arrivals: number;
  firstArrivalAt: number;
  /** Arrivals whose method, path or body differed from what was sent. */
  mismatched: number;
}

interface Receiver {
  port: number;
  tracked: Map<string, Tracked>;
  /** Arrivals with no id this run sent. */
  unexpected: number;
  /** Connections the relays opened to the receiver so far. */
  connections: number;
  /** Connections to the receiver open now. */
  open: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const tracked = new Map<string, Tracked>();
  const receiver: Receiver = { port: 0, tracked, unexpected: 0, connections: 0, open: 0, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const at = performance.now();
      const header = req.headers["x-bench-id"];
      const id = typeof header === "string" ? header : "";
      const entry = tracked.get(id);
      if (!entry) {
        receiver.unexpected++;
      } else {
        entry.arrivals++;
        if (entry.arrivals === 1) entry.firstArrivalAt = at;
        const body = Buffer.concat(chunks).toString("utf8");
        if (req.method !== "POST" || req.url !== RECEIVER_PATH + SUBPATH || body !== bodyFor(id)) entry.mismatched++;
      }
      res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": "2" });
      res.end("ok");
    });
  });
  server.on("connection", (socket) => {
    receiver.connections++;
    receiver.open++;
    socket.once("close", () => receiver.open--);
  });
  // Node's default keep-alive (5 s), as a local development server would have: a relay's idle
  // connections close between phases, so each burst starts as a real one does.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  receiver.port = (server.address() as AddressInfo).port;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}

// ---------------------------------------------------------------------------------------------
// Sending.

function newPhase(system: SystemName, round: number, kind: PhaseKind): Phase {
  return { system, round, kind, ids: [], drained: null, drainCut: null, drainWaitSeconds: 0, hitTimeLimit: false, receiverConnections: 0 };
}

let idCounter = 0;
/** Unique over the run, so a late arrival from an earlier phase is never taken for a later one. */
function nextId(phase: Phase): string {
  return `${phase.system}-r${phase.round}-${phase.kind}-${++idCounter}`;
}

/** POSTs one request; never rejects: the outcome is recorded on its Tracked entry. */
function post(receiver: Receiver, agent: Agent, url: URL, phase: Phase): Promise<void> {
  const id = nextId(phase);
  const body = bodyFor(id);
  const entry: Tracked = {
    phase,
    sentAt: performance.now(),
    answeredAt: Number.NaN,
    status: 0,
    error: null,
    arrivals: 0,
    firstArrivalAt: Number.NaN,
    mismatched: 0,
  };
  receiver.tracked.set(id, entry);
  phase.ids.push(id);
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = (status: number, error: string | null) => {
      if (done) return;
      done = true;
      entry.answeredAt = performance.now();
      entry.status = status;
      entry.error = error;
      resolve();
    };
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "X-Bench-Id": id,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => finish(res.statusCode ?? 0, null));
        res.on("error", (error) => finish(-1, error.message));
      },
    );
    req.setTimeout(SEND_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${SEND_TIMEOUT_MS / 1000} s`)));
    req.on("error", (error) => finish(-1, error.message));
    req.end(body);
  });
}

const is2xx = (entry: Tracked) => entry.status >= 200 && entry.status < 300;

function missingCount(receiver: Receiver, phase: Phase): number {
  let missing = 0;
  for (const id of phase.ids) {
    const entry = receiver.tracked.get(id);
    if (entry && is2xx(entry) && entry.arrivals === 0) missing++;
  }
  return missing;
}

/** Waits until everything the relay answered 2xx has arrived, the drain time is up, or a process died. */
async function drain(receiver: Receiver, phase: Phase, system: RunningSystem, settings: Settings): Promise<void> {
  let lastAnswer = Number.NEGATIVE_INFINITY;
  for (const id of phase.ids) lastAnswer = Math.max(lastAnswer, receiver.tracked.get(id)?.answeredAt ?? Number.NEGATIVE_INFINITY);
  const from = Number.isFinite(lastAnswer) ? lastAnswer : performance.now();
  const deadline = from + settings.drainSeconds * 1000;
  for (;;) {
    const missing = missingCount(receiver, phase);
    if (missing === 0 || performance.now() > deadline || !system.alive()) {
      phase.drained = missing === 0;
      phase.drainCut = missing === 0 ? null : system.alive() ? "timeout" : "process exited";
      phase.drainWaitSeconds = (performance.now() - from) / 1000;
      break;
    }
    await sleep(20);
  }
  await sleep(SETTLE_MS);
}

/** Waits (at most QUIET_MAX_MS) until at most QUIET_CONNECTIONS connections to the receiver are open. */
async function quiet(receiver: Receiver): Promise<void> {
  const deadline = performance.now() + QUIET_MAX_MS;
  while (receiver.open > QUIET_CONNECTIONS && performance.now() < deadline) await sleep(50);
  if (receiver.open > QUIET_CONNECTIONS) console.log(`  (${receiver.open} connections to the receiver still open after ${QUIET_MAX_MS / 1000} s; going on)`);
}

/** `count` requests from `connections` senders, each sending its next one when the last is answered. */
async function sendClosedLoop(receiver: Receiver, system: RunningSystem, phase: Phase, count: number, connections: number, limitMs: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const deadline = performance.now() + limitMs;
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(connections, count) }, async () => {
        while (next < count && system.alive()) {
          if (performance.now() > deadline) {
            phase.hitTimeLimit = true;
            return;
          }
          next++;
          await post(receiver, agent, system.captureUrl, phase);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
}

/** `rate` requests per second for `seconds`, each sent on schedule whether or not the earlier ones were answered. */
async function sendAtRate(receiver: Receiver, system: RunningSystem, phase: Phase, rate: number, seconds: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = rate * seconds;
  const intervalMs = 1000 / rate;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now() + 10;
  // Sending late (a slow tick) catches up rather than lowering the rate; this bounds a stalled run.
  const deadline = start + seconds * 1000 + 30_000;
  try {
    for (let i = 0; i < total && system.alive(); i++) {
      const wait = start + i * intervalMs - performance.now();
      if (wait > 1) await sleep(wait);
      while (inFlight.size >= MAX_IN_FLIGHT && performance.now() < deadline) await Promise.race(inFlight);
      if (performance.now() > deadline) {
        phase.hitTimeLimit = true;
        break;
      }
      const sent = post(receiver, agent, system.captureUrl, phase);
      inFlight.add(sent);
      void sent.then(() => inFlight.delete(sent));
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// The systems under test.

interface Proc {
  name: string;
  child: ServerProcess["child"];
  output(): string;
  stop(graceMs?: number): Promise<void>;
}

interface RunningSystem {
  name: SystemName;
  describe: string;
  /** Where the senders POST. */
  captureUrl: URL;
  /** How readiness was seen: the "Forwarding" line, or a probe's delivery. */
  readyBy: "line" | "probe";
  readySeconds: number;
  alive(): boolean;
  /** Stops the processes, first to last; problems for an unclean exit. */
  stop(problems: string[]): Promise<void>;
}

/** Watches `procs`: an exit not asked for is a problem (reported once, with the process's output). */
function supervise(name: SystemName, describe: string, captureUrl: URL, procs: Proc[], problems: string[]): Omit<RunningSystem, "readyBy" | "readySeconds"> {
  let stopping = false;
  const dead = new Set<string>();
  for (const proc of procs) {
    proc.child.once("exit", (code, signal) => {
      dead.add(proc.name);
      if (stopping) return;
      const message = `${proc.name} exited during the run (code ${code}, signal ${signal}); its output ends:\n${proc.output().slice(-2000)}`;
      problems.push(message);
      console.log(`  PROBLEM: ${message.split("\n")[0]}`);
    });
  }
  return {
    name,
    describe,
    captureUrl,
    alive: () => dead.size === 0,
    stop: async (stopProblems) => {
      stopping = true;
      for (const proc of procs) {
        if (dead.has(proc.name)) continue;
        await proc.stop();
        if (proc.child.exitCode !== 0) {
          stopProblems.push(
            `${proc.name} did not exit cleanly when stopped (code ${proc.child.exitCode}, signal ${proc.child.signalCode}); its output ends:\n${proc.output().slice(-2000)}`,
          );
        }
      }
    },
  };
}

/**
 * Until `handle` prints a "Forwarding" line, or, from PROBE_AFTER_MS on, a probe request sent every
 * PROBE_EVERY_MS arrives at the receiver.
 */
async function waitUntilForwarding(
  receiver: Receiver,
  handle: ChildHandle,
  captureUrl: URL,
  system: SystemName,
  settings: Settings,
): Promise<"line" | "probe"> {
  const started = performance.now();
  const deadline = started + settings.readySeconds * 1000;
  let lineSeen = false;
  let lineError: unknown = null;
  handle.waitForLine("Forwarding", settings.readySeconds * 1000).then(
    () => (lineSeen = true),
    (error: unknown) => (lineError = error),
  );
  const probes = newPhase(system, 0, "probe");
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  let nextProbeAt = started + PROBE_AFTER_MS;
  try {
    for (;;) {
      if (lineSeen) return "line";
      if (probes.ids.some((id) => (receiver.tracked.get(id)?.arrivals ?? 0) > 0)) return "probe";
      if (!handle.running())
        throw lineError instanceof Error ? lineError : new Error(`${handle.name} exited before forwarding:\n${handle.output().slice(-2000)}`);
      if (performance.now() > deadline)
        throw new Error(`${handle.name} did not start forwarding within ${settings.readySeconds} s; its output ends:\n${handle.output().slice(-2000)}`);
      if (performance.now() >= nextProbeAt) {
        void post(receiver, agent, captureUrl, probes);
        nextProbeAt += PROBE_EVERY_MS;
      }
      await sleep(20);
    }
  } finally {
    // Probes in flight finish on their own; the agent's sockets close once idle.
    setTimeout(() => agent.destroy(), SEND_TIMEOUT_MS).unref();
  }
}

async function startBaseline(receiver: Receiver, settings: Settings, problems: string[]): Promise<RunningSystem> {
  const port = await freePort();
  const server = await startServer({
    name: "baseline relay server",
    args: ["--import", "tsx", path.join(ROOT_DIR, "bench", "sse-relay-server.ts")],
    cwd: ROOT_DIR,
    env: { PORT: String(port) },
    port,
    healthPath: "/health",
    readyTimeoutMs: 30_000,
  });
  const channel = `bench-${randomBytes(6).toString("hex")}`;
  const client = spawnChild({
    name: "baseline relay client",
    args: ["--import", "tsx", path.join(ROOT_DIR, "bench", "sse-relay-client.ts")],
    cwd: ROOT_DIR,
    env: { RELAY_URL: `${server.url}/${channel}`, TARGET_URL: `http://127.0.0.1:${receiver.port}${RECEIVER_PATH}` },
  });
  const captureUrl = new URL(`${server.url}/${channel}${SUBPATH}`);
  // The client stops first: its deliveries in flight would otherwise fail against a closed server.
  const base = supervise(
    "baseline",
    `SSE relay on ${server.url} (pid ${server.child.pid}), client pid ${client.child.pid}`,
    captureUrl,
    [client, server],
    problems,
  );
  try {
    const started = performance.now();
    const readyBy = await waitUntilForwarding(receiver, client, captureUrl, "baseline", settings);
    return { ...base, readyBy, readySeconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await base.stop([]);
    throw error;
  }
}

async function startHookscope(receiver: Receiver, settings: Settings, problems: string[]): Promise<RunningSystem> {
  const dataDir = makeTempDir("forward");
  const server = await startHookscopeServer({ name: "hookscope server", databaseUrl: `file:${path.join(dataDir, "hookscope.db")}`, distDir: settings.distDir });
  let cli: ChildHandle | null = null;
  try {
    const response = await fetch(`${server.url}/api/bins`, { method: "POST", signal: AbortSignal.timeout(10_000) });
    if (response.status !== 201) throw new Error(`POST /api/bins answered ${response.status}: ${await response.text()}`);
    const bin = (await response.json()) as CreatedBin;
    const args = [
      path.join(ROOT_DIR, "bin", "hookscope.mjs"),
      "forward",
      bin.ownerUrl,
      "--to",
      `http://127.0.0.1:${receiver.port}${RECEIVER_PATH}`,
      "--quiet",
      ...settings.cliArgs,
    ];
    cli = spawnChild({ name: "hookscope forward (CLI)", args, cwd: ROOT_DIR, env: {} });
    const captureUrl = new URL(`${bin.captureUrl.replace(/\/+$/, "")}${SUBPATH}`);
    // The CLI stops first: it reports its last deliveries to the server on the way out.
    const base = supervise(
      "hookscope",
      `server ${server.url} (pid ${server.child.pid}), bin ${bin.id}, CLI pid ${cli.child.pid}: forward … --quiet ${settings.cliArgs.join(" ")}`.trimEnd(),
      captureUrl,
      [cli, server],
      problems,
    );
    try {
      const started = performance.now();
      const readyBy = await waitUntilForwarding(receiver, cli, captureUrl, "hookscope", settings);
      return { ...base, readyBy, readySeconds: (performance.now() - started) / 1000 };
    } catch (error) {
      await base.stop([]);
      throw error;
    }
  } catch (error) {
    await cli?.stop(2000);
    await server.stop();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Figures.

interface PhaseSummary {
  system: SystemName;
  round: number;
  kind: PhaseKind;
  sent: number;
  answered2xx: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  firstError: string | null;
  delivered: number;
  lost: number;
  duplicates: number;
  mismatched: number;
  drained: boolean | null;
  drainCut: Phase["drainCut"];
  drainWaitSeconds: number;
  hitTimeLimit: boolean;
  receiverConnections: number;
  /** First send to last (first) arrival. */
  elapsedSeconds: number;
  deliveriesPerSecond: number;
  /** Answers to the senders per second: how fast the relay takes requests in, whatever it delivers. */
  acceptedPerSecond: number;
  /** Send rate actually held (latency phase). */
  achievedRate: number;
  latencyMs: { p50: number; p99: number; max: number; mean: number };
}

function summarize(receiver: Receiver, phase: Phase): PhaseSummary {
  const statusCodes: Record<string, number> = {};
  let answered2xx = 0;
  let non2xx = 0;
  let errors = 0;
  let firstError: string | null = null;
  let delivered = 0;
  let lost = 0;
  let duplicates = 0;
  let mismatched = 0;
  let firstSend = Number.POSITIVE_INFINITY;
  let lastSend = Number.NEGATIVE_INFINITY;
  let lastAnswer = Number.NEGATIVE_INFINITY;
  let lastArrival = Number.NEGATIVE_INFINITY;
  const latencies: number[] = [];
  for (const id of phase.ids) {
    const entry = receiver.tracked.get(id);
    if (!entry) continue;
    firstSend = Math.min(firstSend, entry.sentAt);
    lastSend = Math.max(lastSend, entry.sentAt);
    if (Number.isFinite(entry.answeredAt)) lastAnswer = Math.max(lastAnswer, entry.answeredAt);
    if (entry.status === -1) {
      errors++;
      firstError ??= entry.error;
    } else {
      statusCodes[String(entry.status)] = (statusCodes[String(entry.status)] ?? 0) + 1;
      if (is2xx(entry)) answered2xx++;
      else non2xx++;
    }
    if (entry.arrivals > 0) {
      delivered++;
      duplicates += entry.arrivals - 1;
      lastArrival = Math.max(lastArrival, entry.firstArrivalAt);
      latencies.push(entry.firstArrivalAt - entry.sentAt);
    } else if (is2xx(entry)) {
      lost++;
    }
    mismatched += entry.mismatched;
  }
  const sorted = latencies.sort((a, b) => a - b);
  const elapsedSeconds = (lastArrival - firstSend) / 1000;
  const sent = phase.ids.length;
  return {
    system: phase.system,
    round: phase.round,
    kind: phase.kind,
    sent,
    answered2xx,
    non2xx,
    errors,
    statusCodes,
    firstError,
    delivered,
    lost,
    duplicates,
    mismatched,
    drained: phase.drained,
    drainCut: phase.drainCut,
    drainWaitSeconds: phase.drainWaitSeconds,
    hitTimeLimit: phase.hitTimeLimit,
    receiverConnections: phase.receiverConnections,
    elapsedSeconds: delivered > 0 ? elapsedSeconds : Number.NaN,
    deliveriesPerSecond: delivered > 0 && elapsedSeconds > 0 ? delivered / elapsedSeconds : Number.NaN,
    acceptedPerSecond: lastAnswer > firstSend ? answered2xx / ((lastAnswer - firstSend) / 1000) : Number.NaN,
    achievedRate: sent > 1 && lastSend > firstSend ? ((sent - 1) * 1000) / (lastSend - firstSend) : Number.NaN,
    latencyMs: {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
      mean: sorted.length > 0 ? sorted.reduce((sum, value) => sum + value, 0) / sorted.length : Number.NaN,
    },
  };
}

function phaseLine(s: PhaseSummary): string {
  const lossText = `lost ${s.lost}, duplicates ${s.duplicates}${s.mismatched > 0 ? `, ALTERED ${s.mismatched}` : ""}`;
  const answers = `${fmtInt(s.answered2xx)}/${fmtInt(s.sent)} answered 2xx${s.non2xx > 0 ? `, non-2xx ${s.non2xx} ${JSON.stringify(s.statusCodes)}` : ""}${s.errors > 0 ? `, errors ${s.errors} (${s.firstError})` : ""}`;
  const drained =
    s.drained === false
      ? `; NOT drained (${s.drainCut}) after ${s.drainWaitSeconds.toFixed(1)} s`
      : `; drained ${s.drainWaitSeconds.toFixed(2)} s after the last answer`;
  if (s.kind === "latency") {
    return (
      `latency    achieved ${s.achievedRate.toFixed(0)} req/s: send→arrival p50 ${fmtMs(s.latencyMs.p50)}, p99 ${fmtMs(s.latencyMs.p99)}, max ${fmtMs(s.latencyMs.max)}; ` +
      `${answers}; ${lossText}${drained}`
    );
  }
  return (
    `${s.kind.padEnd(10)} ${fmtInt(s.deliveriesPerSecond).padStart(6)} deliveries/s (${fmtInt(s.delivered)} in ${s.elapsedSeconds.toFixed(2)} s; relay answered ${fmtInt(s.acceptedPerSecond)} req/s); ` +
    `send→arrival p50 ${fmtMs(s.latencyMs.p50)}, p99 ${fmtMs(s.latencyMs.p99)}; ${answers}; ${lossText}${drained}; ${s.receiverConnections} new connections to the receiver`
  );
}

/** What broke in a phase: exit 1 for these (losses and duplicates only for Hookscope; see warnings). */
function phaseProblems(s: PhaseSummary): string[] {
  const label = `${s.system} round ${s.round} ${s.kind}`;
  const problems: string[] = [];
  if (s.non2xx > 0) problems.push(`${label}: ${s.non2xx} non-2xx answers to senders (${JSON.stringify(s.statusCodes)})`);
  if (s.errors > 0) problems.push(`${label}: ${s.errors} sender errors (first: ${s.firstError})`);
  if (s.hitTimeLimit) problems.push(`${label}: sending stopped at its time limit`);
  if (s.mismatched > 0) problems.push(`${label}: ${s.mismatched} deliveries differ from what was sent (method, path or body)`);
  if (s.system === "hookscope" && s.lost > 0)
    problems.push(
      `${label}: ${s.lost} requests answered 2xx never arrived${s.drainCut === "timeout" ? " (the drain timed out: raise BENCH_FORWARD_DRAIN_SECONDS if they were only slow)" : ""}`,
    );
  if (s.system === "hookscope" && s.duplicates > 0) problems.push(`${label}: ${s.duplicates} duplicate deliveries`);
  return problems;
}

interface SystemFigures {
  deliveriesPerSecond: number;
  acceptedPerSecond: number;
  throughputP50Ms: number;
  throughputP99Ms: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  achievedRate: number;
  lost: number;
  duplicates: number;
  mismatched: number;
}

function figuresOf(summaries: PhaseSummary[], system: SystemName): SystemFigures | null {
  const mine = summaries.filter((s) => s.system === system);
  if (mine.length === 0) return null;
  const throughput = mine.filter((s) => s.kind === "throughput");
  const latency = mine.filter((s) => s.kind === "latency");
  const sum = (pick: (s: PhaseSummary) => number) => mine.reduce((total, s) => total + pick(s), 0);
  return {
    deliveriesPerSecond: median(throughput.map((s) => s.deliveriesPerSecond)),
    acceptedPerSecond: median(throughput.map((s) => s.acceptedPerSecond)),
    throughputP50Ms: median(throughput.map((s) => s.latencyMs.p50)),
    throughputP99Ms: median(throughput.map((s) => s.latencyMs.p99)),
    latencyP50Ms: median(latency.map((s) => s.latencyMs.p50)),
    latencyP99Ms: median(latency.map((s) => s.latencyMs.p99)),
    latencyMaxMs: median(latency.map((s) => s.latencyMs.max)),
    achievedRate: median(latency.map((s) => s.achievedRate)),
    lost: sum((s) => s.lost),
    duplicates: sum((s) => s.duplicates),
    mismatched: sum((s) => s.mismatched),
  };
}

function figuresJson(figures: SystemFigures | null) {
  if (!figures) return null;
  return {
    deliveriesPerSecond: round2(figures.deliveriesPerSecond),
    acceptedPerSecond: round2(figures.acceptedPerSecond),
    throughputP50Ms: round2(figures.throughputP50Ms),
    throughputP99Ms: round2(figures.throughputP99Ms),
    latencyP50Ms: round2(figures.latencyP50Ms),
    latencyP99Ms: round2(figures.latencyP99Ms),
    latencyMaxMs: round2(figures.latencyMaxMs),
    latencyAchievedRate: round2(figures.achievedRate),
    lost: figures.lost,
    duplicates: figures.duplicates,
    altered: figures.mismatched,
  };
}

function summaryJson(s: PhaseSummary) {
  return {
    round: s.round,
    phase: s.kind,
    sent: s.sent,
    answered2xx: s.answered2xx,
    non2xx: s.non2xx,
    errors: s.errors,
    statusCodes: s.statusCodes,
    delivered: s.delivered,
    lost: s.lost,
    duplicates: s.duplicates,
    altered: s.mismatched,
    drained: s.drained,
    drainCut: s.drainCut,
    drainWaitSeconds: round2(s.drainWaitSeconds),
    elapsedSeconds: round3(s.elapsedSeconds),
    deliveriesPerSecond: round2(s.deliveriesPerSecond),
    acceptedPerSecond: round2(s.acceptedPerSecond),
    achievedRate: round2(s.achievedRate),
    p50Ms: round2(s.latencyMs.p50),
    p99Ms: round2(s.latencyMs.p99),
    maxMs: round2(s.latencyMs.max),
    meanMs: round2(s.latencyMs.mean),
    receiverConnections: s.receiverConnections,
  };
}

// ---------------------------------------------------------------------------------------------

/** One round on one system: warm-up, throughput, latency; each waited out before the next. */
async function runRound(receiver: Receiver, system: RunningSystem, round: number, settings: Settings): Promise<Phase[]> {
  const out: Phase[] = [];
  const sendLimitMs = Math.max(60_000, settings.drainSeconds * 1000);
  const phases: [PhaseKind, (phase: Phase) => Promise<void>][] = [
    ["warmup", (phase) => sendClosedLoop(receiver, system, phase, settings.warmup, settings.connections, sendLimitMs)],
    ["throughput", (phase) => sendClosedLoop(receiver, system, phase, settings.count, settings.connections, sendLimitMs)],
    ["latency", (phase) => sendAtRate(receiver, system, phase, settings.rate, settings.seconds)],
  ];
  for (const [kind, send] of phases) {
    if (kind === "warmup" && settings.warmup === 0) continue;
    if (!system.alive()) break;
    await quiet(receiver);
    const phase = newPhase(system.name, round, kind);
    const connectionsBefore = receiver.connections;
    await send(phase);
    await drain(receiver, phase, system, settings);
    phase.receiverConnections = receiver.connections - connectionsBefore;
    out.push(phase);
    console.log(`  round ${round} ${system.name.padEnd(9)} ${phaseLine(summarize(receiver, phase))}`);
  }
  return out;
}

interface TargetCheck {
  name: string;
  value: number | null;
  limit: number;
  comparison: ">=" | "<=" | "==";
  result: "PASS" | "WARN" | "FAIL" | "n/a";
  note?: string;
}

function checkTargets(baseline: SystemFigures | null, hookscope: SystemFigures | null, settings: Settings): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (name: string, value: number | null | undefined, limit: number, comparison: TargetCheck["comparison"], miss: "WARN" | "FAIL", note?: string) => {
    const known = value !== null && value !== undefined && Number.isFinite(value);
    const ok = known && (comparison === ">=" ? value >= limit : comparison === "<=" ? value <= limit : value === limit);
    checks.push({ name, value: known ? round3(value) : null, limit, comparison, result: known ? (ok ? "PASS" : miss) : "n/a", ...(note ? { note } : {}) });
  };
  const ratio = baseline && hookscope ? hookscope.deliveriesPerSecond / baseline.deliveriesPerSecond : null;
  const p50Ratio = baseline && hookscope ? hookscope.latencyP50Ms / baseline.latencyP50Ms : null;
  add("throughput ratio (hookscope / baseline deliveries/s)", ratio, TARGETS.throughputRatio, ">=", "WARN");
  const held = hookscope && baseline && [hookscope, baseline].every((f) => f.achievedRate >= settings.rate * 0.95);
  add(
    `p50 ratio at ${settings.rate} req/s (hookscope / baseline send→arrival)`,
    p50Ratio,
    TARGETS.p50Ratio,
    "<=",
    "WARN",
    hookscope && baseline && !held ? `the senders did not hold ${settings.rate} req/s for both` : undefined,
  );
  if (hookscope) {
    add("hookscope lost", hookscope.lost, 0, "==", "FAIL");
    add("hookscope duplicates", hookscope.duplicates, 0, "==", "FAIL");
  }
  return checks;
}

async function main(): Promise<number> {
  installCleanup();
  const settings = readSettings();
  if (settings.systems.includes("hookscope")) {
    if (!existsSync(path.join(ROOT_DIR, "dist", "server.mjs")) || !existsSync(path.join(ROOT_DIR, "dist", "cli.mjs"))) {
      throw new Error("dist/server.mjs or dist/cli.mjs is missing: run `npm run build` first.");
    }
    if (!existsSync(path.join(ROOT_DIR, settings.distDir, "BUILD_ID"))) {
      throw new Error(`no Next.js production build (${settings.distDir}/BUILD_ID): run \`npm run build\` first, or wait for the build in progress.`);
    }
  }

  const startedAt = Date.now();
  const loadStart = loadavg()[0] ?? Number.NaN;
  console.log(
    `Hookscope forwarding benchmark — Node ${process.version}, ${availableParallelism()} CPUs, systems: ${settings.systems.join(", ")}, 1-min load ${loadStart.toFixed(2)}`,
  );
  console.log(
    `  per round: warm-up ${settings.warmup}; throughput ${fmtInt(settings.count)} × POST ${Buffer.byteLength(bodyFor("baseline-r1-throughput-1"))}-byte JSON from ${settings.connections} senders; ` +
      `latency ${settings.rate} req/s × ${settings.seconds} s; drain ≤ ${settings.drainSeconds} s; ${settings.rounds} round(s)` +
      (settings.cliArgs.length > 0 ? `; CLI args: ${settings.cliArgs.join(" ")}` : ""),
  );

  const problems: string[] = [];
  const warnings: string[] = [];
  const receiver = await startReceiver();
  console.log(`  receiver on http://127.0.0.1:${receiver.port}${RECEIVER_PATH}`);
  const systems: RunningSystem[] = [];
  const phases: Phase[] = [];
  try {
    for (const name of settings.systems) {
      try {
        const system = name === "baseline" ? await startBaseline(receiver, settings, problems) : await startHookscope(receiver, settings, problems);
        systems.push(system);
        console.log(
          `  ${name}: ${system.describe}; forwarding after ${system.readySeconds.toFixed(1)} s (seen by ${system.readyBy === "line" ? 'its "Forwarding" line' : 'a probe\'s delivery: it printed no "Forwarding" line'})`,
        );
      } catch (error) {
        problems.push(`${name}: could not start: ${errorText(error)}`);
        console.log(`  ${name}: FAILED to start — ${errorText(error).split("\n")[0]}`);
      }
    }
    for (let round = 1; round <= settings.rounds; round++) {
      for (const system of systems) {
        if (!system.alive()) continue;
        phases.push(...(await runRound(receiver, system, round, settings)));
      }
    }
  } finally {
    // Late duplicates still count: one more pause before the relays stop.
    await sleep(1000);
    for (const system of systems) await system.stop(problems);
    await receiver.close();
  }

  // Summed up again now: whatever arrived after a phase's own line (late, or a second time) counts.
  const final = phases.map((phase) => summarize(receiver, phase));
  for (const s of final) {
    problems.push(...phaseProblems(s));
    if (s.drainCut === "timeout")
      warnings.push(
        `${s.system} round ${s.round} ${s.kind}: deliveries still missing ${s.drainWaitSeconds.toFixed(0)} s after the last answer (the next phase ran with them queued)`,
      );
    if (s.system === "baseline" && (s.lost > 0 || s.duplicates > 0))
      warnings.push(`baseline round ${s.round} ${s.kind}: lost ${s.lost}, duplicates ${s.duplicates} (its design has no delivery guarantee)`);
  }
  if (receiver.unexpected > 0) problems.push(`${receiver.unexpected} deliveries carried no id this run sent`);

  const baseline = figuresOf(final, "baseline");
  const hookscope = figuresOf(final, "hookscope");
  const targets = checkTargets(baseline, hookscope, settings);
  const throughputRatio = baseline && hookscope ? hookscope.deliveriesPerSecond / baseline.deliveriesPerSecond : Number.NaN;
  const p50Ratio = baseline && hookscope ? hookscope.latencyP50Ms / baseline.latencyP50Ms : Number.NaN;
  const p99Ratio = baseline && hookscope ? hookscope.latencyP99Ms / baseline.latencyP99Ms : Number.NaN;

  console.log("");
  console.log(`== summary (${settings.rounds > 1 ? `median of ${settings.rounds} rounds` : "one round"})`);
  const rows: [string, (f: SystemFigures) => string][] = [
    ["throughput deliveries/s", (f) => fmtInt(f.deliveriesPerSecond)],
    ["  relay answered req/s", (f) => fmtInt(f.acceptedPerSecond)],
    ["  send→arrival p50 / p99", (f) => `${fmtMs(f.throughputP50Ms)} / ${fmtMs(f.throughputP99Ms)}`],
    [`latency at ${settings.rate} req/s p50`, (f) => fmtMs(f.latencyP50Ms)],
    ["  p99 / max", (f) => `${fmtMs(f.latencyP99Ms)} / ${fmtMs(f.latencyMaxMs)}`],
    ["  rate held", (f) => `${fmtInt(f.achievedRate)} req/s`],
    ["lost / duplicates / altered", (f) => `${f.lost} / ${f.duplicates} / ${f.mismatched}`],
  ];
  console.log(`${"".padEnd(30)}${"baseline (SSE relay)".padStart(24)}${"hookscope".padStart(24)}`);
  for (const [label, show] of rows) {
    console.log(`${label.padEnd(30)}${(baseline ? show(baseline) : "—").padStart(24)}${(hookscope ? show(hookscope) : "—").padStart(24)}`);
  }
  if (baseline && hookscope) console.log(`throughput ratio ${throughputRatio.toFixed(3)}, p50 ratio ${p50Ratio.toFixed(3)}, p99 ratio ${p99Ratio.toFixed(3)}`);
  for (const check of targets) {
    console.log(`target ${check.name}: ${check.value ?? "n/a"} (${check.comparison} ${check.limit}) → ${check.result}${check.note ? ` (${check.note})` : ""}`);
    if (check.result === "WARN") warnings.push(`missed target: ${check.name} = ${check.value} (wanted ${check.comparison} ${check.limit})`);
  }
  for (const warning of warnings) console.log(`WARN: ${warning}`);
  for (const problem of problems) console.log(`PROBLEM: ${problem}`);
  const status = problems.length > 0 ? "FAIL" : warnings.length > 0 ? "WARN" : "PASS";
  const loadEnd = loadavg()[0] ?? Number.NaN;
  console.log(`result: ${status} (${((Date.now() - startedAt) / 1000).toFixed(0)} s, 1-min load ${loadStart.toFixed(2)} → ${loadEnd.toFixed(2)})`);

  const json = {
    bench: "hookscope-forward",
    status,
    node: process.version,
    cpus: availableParallelism(),
    seconds: Math.round((Date.now() - startedAt) / 1000),
    loadAverage1m: { start: round2(loadStart), end: round2(loadEnd) },
    settings: { ...settings, bodyBytes: Buffer.byteLength(bodyFor("baseline-r1-throughput-1")) },
    readiness: Object.fromEntries(systems.map((s) => [s.name, { by: s.readyBy, seconds: round2(s.readySeconds) }])),
    throughputRatio: round3(throughputRatio),
    p50Ratio: round3(p50Ratio),
    p99Ratio: round3(p99Ratio),
    baseline: figuresJson(baseline),
    hookscope: figuresJson(hookscope),
    phases: final.map((s) => ({ system: s.system, ...summaryJson(s) })),
    unexpectedDeliveries: receiver.unexpected,
    targets,
    warnings,
    problems,
  };
  console.log(JSON.stringify(json));
  return problems.length > 0 ? 1 : 0;
}

runBench("hookscope-forward", main);
