import { performance } from "node:perf_hooks";
import autocannon, { type RequestParams, type Result } from "autocannon";

export interface LoadOptions {
  url: string;
  connections: number;
  body: string;
  /**
   * Optional: what the n-th request built (counted across all connections) differs in; headers are
   * added to the defaults, a body replaces `body`, a path (from the root, with the query) replaces the
   * URL's. The count includes each connection's first request, built before the run starts, so it
   * runs a little ahead of the requests sent.
   */
  variant?: (n: number) => { headers?: Record<string, string>; body?: string; path?: string };
  /** Either a fixed duration (seconds) or a fixed number of requests. */
  stopAfter: { seconds: number } | { requests: number };
  /** The run is stopped (and reported as broken) past this. */
  hardLimitMs: number;
}

export interface LoadResult {
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** From the start of the run to the last answer, in seconds. */
  elapsedSeconds: number;
  /** 2xx answers per second over `elapsedSeconds`. */
  requestsPerSecond: number;
  /** Answers per second over the second half of the run: the warmed-up rate, without the cold start. */
  tailRequestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  hitHardLimit: boolean;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const byAmount = "requests" in options.stopAfter;
  const started = performance.now();
  let lastAnswer = started;
  const halfway = started + ("seconds" in options.stopAfter ? options.stopAfter.seconds * 500 : Number.POSITIVE_INFINITY);
  let answersAfterHalfway = 0;
  let hitHardLimit = false;
  let built = 0;
  const variant = options.variant
    ? (request: RequestParams): RequestParams => {
        const { headers, body, path } = options.variant!(built++);
        return { ...request, headers: { ...request.headers, ...headers }, ...(body === undefined ? {} : { body }), ...(path === undefined ? {} : { path }) };
      }
    : null;
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        pipelining: 1,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: options.body,
        ...(variant ? { requests: [{ setupRequest: variant }] } : {}),
        timeout: 10,
        ...("requests" in options.stopAfter ? { amount: options.stopAfter.requests } : { duration: options.stopAfter.seconds }),
      },
      (error, result) => {
        clearTimeout(limit);
        if (error) reject(error);
        else resolve(result);
      },
    );
    // autocannon only notices the end on its once-a-second tick, so its own duration and req/s
    // are rounded to whole seconds; timing the last answer here is exact.
    instance.on("response", () => {
      lastAnswer = performance.now();
      if (lastAnswer >= halfway) answersAfterHalfway++;
    });
    const limit = setTimeout(() => {
      hitHardLimit = true;
      instance.stop();
    }, options.hardLimitMs);
  });
  const elapsedSeconds = byAmount ? (lastAnswer - started) / 1000 : result.duration;
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats)) statusCodes[code] = stats.count;
  return {
    ok2xx: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    elapsedSeconds,
    requestsPerSecond: elapsedSeconds > 0 ? result["2xx"] / elapsedSeconds : 0,
    tailRequestsPerSecond:
      lastAnswer > halfway ? answersAfterHalfway / ((lastAnswer - halfway) / 1000) : elapsedSeconds > 0 ? result["2xx"] / elapsedSeconds : 0,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    hitHardLimit,
  };
}
