// autocannon ships no types and @types/autocannon is not a dependency: only what bench/ uses.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export interface Histogram {
    min: number;
    max: number;
    average: number;
    mean: number;
    stddev: number;
    p50: number;
    p90: number;
    p99: number;
  }

  export interface RequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Called each time this request is built (before every send): returns what to send. */
    setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams;
  }

  export interface Options {
    url: string;
    connections?: number;
    pipelining?: number;
    /** Seconds; ignored when `amount` is set. */
    duration?: number;
    /** Total number of requests; the run ends once every one of them has been answered. */
    amount?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Requests sent in turn by each connection; fields left out come from the options above. */
    requests?: RequestParams[];
  }

  export interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number; total: number };
  }

  export interface Instance extends EventEmitter {
    stop(): void;
  }

  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
