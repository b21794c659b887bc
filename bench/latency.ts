import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, RequestSummary, ServerToClientEvents } from "../lib/shared/api-types";

export interface LatencyOptions {
  baseUrl: string;
  binId: string;
  ownerToken: string;
  body: string;
  rate: number;
  seconds: number;
  /** How long to wait for the last events once every capture has been answered. */
  graceMs: number;
  /** When given, sending goes on past `seconds` until this settles (the work measured meanwhile). */
  until?: Promise<unknown>;
}

export interface LatencyResult {
  sent: number;
  answered2xx: number;
  non2xx: number;
  errors: number;
  events: number;
  missingEvents: number;
  /** Events whose id matches no capture this run answered with a 2xx. */
  unexpectedEvents: number;
  /** Actual send rate, to show whether the fixed rate was held. */
  achievedRate: number;
  captureToEventMs: { p50: number; p99: number; max: number };
  captureResponseMs: { p50: number; p99: number; max: number };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function summarize(values: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function connect(baseUrl: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  // No reconnection: a dropped socket would silently lose events and skew "missing".
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(baseUrl, {
    transports: ["websocket"],
    reconnection: false,
    timeout: 10_000,
  });
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", (error) => reject(error));
    }),
    15_000,
    "socket.io connect",
  );
  return socket;
}

/**
 * Sends captures at a fixed rate (scheduled against the start time, so a slow tick is caught up
 * rather than lowering the rate) and times each one from the moment it is sent to the moment its
 * `request:new` event arrives. The event can beat the HTTP answer, so both sides are keyed by id.
 */
export async function measureLatency(options: LatencyOptions): Promise<LatencyResult> {
  const socket = await connect(options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  try {
    const joined = await socket.timeout(10_000).emitWithAck("bin:join", { binId: options.binId, token: options.ownerToken, after: null });
    if (!joined.ok) throw new Error(`bin:join refused: ${joined.error.code}: ${joined.error.message}`);

    const eventAt = new Map<string, number>();
    socket.on("request:new", (summary: RequestSummary) => {
      if (!eventAt.has(summary.id)) eventAt.set(summary.id, performance.now());
    });
    let disconnected = false;
    socket.on("disconnect", () => {
      disconnected = true;
    });

    const sentAt = new Map<string, number>();
    const responseMs: number[] = [];
    let non2xx = 0;
    let errors = 0;
    let settled = 0;
    const total = Math.max(1, Math.round(options.rate * options.seconds));
    const intervalMs = 1000 / options.rate;
    const url = new URL(`/h/${options.binId}/bench/latency`, options.baseUrl);
    const payload = Buffer.from(options.body);

    const sendOne = () => {
      const startedAt = performance.now();
      const req = request(url, {
        method: "POST",
        agent,
        headers: { "Content-Type": "application/json", "Content-Length": payload.length },
        timeout: 10_000,
      });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => {
          const id = res.headers["x-hookscope-request-id"];
          if (res.statusCode === 200 && typeof id === "string") {
            sentAt.set(id, startedAt);
            responseMs.push(performance.now() - startedAt);
          } else {
            non2xx++;
          }
          settled++;
        });
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        errors++;
        settled++;
      });
      req.end(payload);
    };

    let sent = 0;
    let waiting = options.until !== undefined;
    options.until?.then(
      () => (waiting = false),
      () => (waiting = false),
    );
    const sendStart = performance.now();
    let sendEnd = sendStart;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const elapsedDue = Math.floor((performance.now() - sendStart) / intervalMs) + 1;
        const due = waiting ? elapsedDue : Math.min(Math.max(total, sent), elapsedDue);
        while (sent < due) {
          sendOne();
          sent++;
        }
        if (sent >= total && !waiting) {
          sendEnd = performance.now();
          clearInterval(tick);
          resolve();
        }
      }, 1);
    });

    const waitUntil = async (done: () => boolean, limitMs: number) => {
      const deadline = performance.now() + limitMs;
      while (!done() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await waitUntil(() => settled >= sent, 15_000);
    await waitUntil(() => disconnected || [...sentAt.keys()].every((id) => eventAt.has(id)), options.graceMs);

    const latencies: number[] = [];
    let missingEvents = 0;
    for (const [id, startedAt] of sentAt) {
      const at = eventAt.get(id);
      if (at === undefined) missingEvents++;
      else latencies.push(at - startedAt);
    }
    let unexpectedEvents = 0;
    for (const id of eventAt.keys()) if (!sentAt.has(id)) unexpectedEvents++;

    // Sent over (total - 1) intervals: the first send is at t=0.
    const sendSeconds = (sendEnd - sendStart) / 1000;
    return {
      sent,
      answered2xx: sentAt.size,
      non2xx,
      errors: errors + (settled < sent ? sent - settled : 0),
      events: eventAt.size,
      missingEvents,
      unexpectedEvents,
      achievedRate: sendSeconds > 0 ? (sent - 1) / sendSeconds : Number.NaN,
      captureToEventMs: summarize(latencies),
      captureResponseMs: summarize(responseMs),
    };
  } finally {
    socket.disconnect();
    agent.destroy();
  }
}

export interface DrainResult {
  /** From the first probe to the first of `consecutive` probes whose event came within the threshold. */
  seconds: number;
  drained: boolean;
  probes: number;
  /** Capture → event of the first probe: how far behind live events were when the wait began. */
  firstLagMs: number;
}

/**
 * Waits until live events are live again: after a burst, a server may still be working through
 * the events of requests it has long answered (on PostgreSQL each event goes through NOTIFY before
 * it is emitted). Sends one probe capture at a time into `binId` and times its `request:new`; done
 * when `consecutive` probes in a row arrive within `thresholdMs`, or at `maxSeconds`.
 */
export async function waitForLiveEvents(options: {
  baseUrl: string;
  binId: string;
  ownerToken: string;
  body: string;
  thresholdMs: number;
  consecutive: number;
  maxSeconds: number;
}): Promise<DrainResult> {
  const socket = await connect(options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const joined = await socket.timeout(10_000).emitWithAck("bin:join", { binId: options.binId, token: options.ownerToken, after: null });
    if (!joined.ok) throw new Error(`bin:join refused: ${joined.error.code}: ${joined.error.message}`);
    const eventAt = new Map<string, number>();
    socket.on("request:new", (summary: RequestSummary) => {
      if (!eventAt.has(summary.id)) eventAt.set(summary.id, performance.now());
    });
    const url = new URL(`/h/${options.binId}/bench/probe`, options.baseUrl);
    const payload = Buffer.from(options.body);
    const capture = () =>
      new Promise<string>((resolve, reject) => {
        const req = request(url, { method: "POST", agent, headers: { "Content-Type": "application/json", "Content-Length": payload.length }, timeout: 10_000 });
        req.on("response", (res) => {
          res.resume();
          const id = res.headers["x-hookscope-request-id"];
          if (res.statusCode === 200 && typeof id === "string") resolve(id);
          else reject(new Error(`probe capture answered ${res.statusCode}`));
        });
        req.on("timeout", () => req.destroy(new Error("probe capture timed out")));
        req.on("error", reject);
        req.end(payload);
      });
    const started = performance.now();
    const deadline = started + options.maxSeconds * 1000;
    let inARow = 0;
    let probes = 0;
    let firstLagMs = Number.NaN;
    let liveSince = Number.NaN;
    while (performance.now() < deadline) {
      const sentAt = performance.now();
      const id = await capture();
      probes++;
      while (!eventAt.has(id) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
      const at = eventAt.get(id);
      if (at === undefined) break;
      const lag = at - sentAt;
      if (probes === 1) firstLagMs = lag;
      if (lag <= options.thresholdMs) {
        if (inARow === 0) liveSince = sentAt;
        inARow++;
        if (inARow >= options.consecutive) return { seconds: (liveSince - started) / 1000, drained: true, probes, firstLagMs };
      } else {
        inARow = 0;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { seconds: (performance.now() - started) / 1000, drained: false, probes, firstLagMs };
  } finally {
    socket.disconnect();
    agent.destroy();
  }
}
