// Read latency of the inspector's API on a big bin: sequential calls (one at a time, one kept-alive
// connection), timed from the request to the last byte of the answer.
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { percentile } from "./latency";

export interface ReadSeries {
  name: string;
  /** Path and query, e.g. /api/bins/<id>/requests?limit=50 */
  path: string;
  /** How many items the answer's `requests` array should hold; null: not a list, or not checked. */
  expectedItems: number | null;
}

export interface ReadResult {
  name: string;
  path: string;
  calls: number;
  non200: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** Items in the first answer's `requests` array (null when it has none). */
  items: number | null;
  expectedItems: number | null;
  /** Stopped early at the series' time limit. */
  truncated: boolean;
}

interface Answer {
  status: number;
  body: string;
  ms: number;
}

function get(baseUrl: string, path: string, token: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const req = request(new URL(path, baseUrl), { method: "GET", agent, headers: { Authorization: `Bearer ${token}` }, timeout: 30_000 });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - startedAt }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

function itemsOf(body: string): number | null {
  try {
    const parsed = JSON.parse(body) as { requests?: unknown };
    return Array.isArray(parsed.requests) ? parsed.requests.length : null;
  } catch {
    return null;
  }
}

export async function measureReads(options: {
  baseUrl: string;
  token: string;
  series: ReadSeries[];
  calls: number;
  warmupCalls: number;
  /** Per series: stop there even if fewer than `calls` were made. */
  maxSeconds: number;
}): Promise<ReadResult[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const results: ReadResult[] = [];
  try {
    for (const series of options.series) {
      let non200 = 0;
      let errors = 0;
      let items: number | null = null;
      const times: number[] = [];
      let truncated = false;
      // Un-timed: the first calls load the route's code and warm the caches.
      for (let i = 0; i < options.warmupCalls; i++) {
        try {
          const answer = await get(options.baseUrl, series.path, options.token, agent);
          if (i === 0) items = itemsOf(answer.body);
          if (answer.status !== 200 && i === 0) throw new Error(`GET ${series.path} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
        } catch (error) {
          if (i === 0) throw error;
        }
      }
      const deadline = performance.now() + options.maxSeconds * 1000;
      for (let i = 0; i < options.calls; i++) {
        if (performance.now() > deadline) {
          truncated = true;
          break;
        }
        try {
          const answer = await get(options.baseUrl, series.path, options.token, agent);
          if (answer.status === 200) times.push(answer.ms);
          else non200++;
        } catch {
          errors++;
        }
      }
      const sorted = [...times].sort((a, b) => a - b);
      results.push({
        name: series.name,
        path: series.path,
        calls: times.length + non200 + errors,
        non200,
        errors,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        maxMs: sorted.at(-1) ?? Number.NaN,
        meanMs: sorted.length > 0 ? sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length : Number.NaN,
        items,
        expectedItems: series.expectedItems,
        truncated,
      });
    }
  } finally {
    agent.destroy();
  }
  return results;
}
