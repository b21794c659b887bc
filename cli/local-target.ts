import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { describeConnectionError, errorCode, type OutboundError } from "@/lib/server/outbound/errors";
import { buildForwardHeaders, type HeaderPair } from "@/lib/server/outbound/forward-headers";
import { targetPort } from "@/lib/server/outbound/target-url";

export interface LocalRequest {
  method: string;
  url: URL;
  /** The captured pairs, in order: see buildForwardHeaders for what is dropped or replaced. */
  headers: readonly (readonly [string, string])[];
  body: Buffer;
  timeoutMs: number;
  /** Keep the answer's headers and body (up to `maxAnswerBytes`): someone waits for them. */
  keepAnswer: boolean;
  /** Write the body at this many bytes per second instead of at once: a slow sender (replay chaos). */
  dripBytesPerSecond?: number;
}

export type LocalOutcome =
  | { ok: true; status: number; headers: HeaderPair[]; body: Buffer | null; durationMs: number }
  | { ok: false; error: OutboundError; durationMs: number; /** Nothing reached the app: trying again cannot deliver it twice. */ notSent: boolean };

// The answer relayed to a sender (--respond) may be this large; a larger one is refused, not cut.
export const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Sends captured requests to the developer's own app over keep-alive connections (one pool per
 * target origin), byte for byte. The target is what the developer typed, so unlike the server's
 * outbound sender there is no address policy here.
 */
export class LocalTarget {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(concurrency: number) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  }

  async send(request: LocalRequest): Promise<LocalOutcome> {
    const started = performance.now();
    const where = `${request.url.hostname}:${targetPort(request.url)}`;
    for (let attempt = 1; ; attempt++) {
      try {
        const { response } = await this.exchange(request);
        try {
          const body = await readAnswer(response, request.keepAnswer);
          if (body === "too_large") {
            return failed(
              started,
              { code: "other", message: `${where} answered with more than ${MAX_ANSWER_BYTES} bytes, more than Hookscope relays to a sender.` },
              false,
            );
          }
          const headers = request.keepAnswer ? pairs(response.rawHeaders) : [];
          return { ok: true, status: response.statusCode ?? 0, headers, body, durationMs: performance.now() - started };
        } catch (error) {
          return failed(started, describeConnectionError(error, where), false);
        }
      } catch (failure) {
        const { error, reused } = failure as { error: unknown; reused: boolean };
        // A kept-alive socket the app closed meanwhile fails at once on reuse: the request never
        // reached the app, so one more try on a fresh connection is safe.
        if (reused && attempt === 1 && errorCode(error) === "ECONNRESET") continue;
        const code = errorCode(error);
        return failed(started, error instanceof TimeoutError ? error.outbound : describeConnectionError(error, where), code === "ECONNREFUSED");
      }
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private exchange(request: LocalRequest): Promise<{ response: IncomingMessage; reused: boolean }> {
    return new Promise((resolve, reject) => {
      const secure = request.url.protocol === "https:";
      let client: http.ClientRequest;
      try {
        client = (secure ? https : http).request({
          hostname: request.url.hostname.replace(/^\[|\]$/g, ""),
          port: targetPort(request.url),
          method: request.method,
          path: request.url.pathname + request.url.search,
          // A flat raw array is written as given: order, case and duplicates survive.
          headers: buildForwardHeaders(request.headers, request.url, request.body.length, request.method).flat(),
          agent: secure ? this.httpsAgent : this.httpAgent,
        });
      } catch (error) {
        reject({ error, reused: false });
        return;
      }
      const where = `${request.url.hostname}:${targetPort(request.url)}`;
      client.setTimeout(request.timeoutMs, () =>
        client.destroy(new TimeoutError({ code: "timeout", message: `No answer from ${where} within ${request.timeoutMs} ms.` })),
      );
      client.once("response", (response) => resolve({ response, reused: client.reusedSocket }));
      client.on("error", (error) => reject({ error, reused: client.reusedSocket }));
      if (request.dripBytesPerSecond) writeSlowly(client, request.body, request.dripBytesPerSecond);
      else client.end(request.body);
    });
  }
}

const DRIP_TICK_MS = 100;

/** A tenth of a second's worth of bytes per tick, so the body takes its size / rate in seconds to arrive. */
function writeSlowly(client: http.ClientRequest, body: Buffer, bytesPerSecond: number): void {
  const step = Math.max(1, Math.round((bytesPerSecond * DRIP_TICK_MS) / 1000));
  let offset = 0;
  const next = () => {
    if (client.destroyed) return;
    const end = Math.min(body.length, offset + step);
    if (end >= body.length) {
      client.end(body.subarray(offset));
      return;
    }
    client.write(body.subarray(offset, end));
    offset = end;
    setTimeout(next, DRIP_TICK_MS);
  };
  next();
}

class TimeoutError extends Error {
  constructor(readonly outbound: OutboundError) {
    super(outbound.message);
  }
}

function failed(started: number, error: OutboundError, notSent: boolean): LocalOutcome {
  return { ok: false, error, durationMs: performance.now() - started, notSent };
}

/** The answer's body when kept (null otherwise, read to the end so the connection can be reused). */
function readAnswer(response: IncomingMessage, keep: boolean): Promise<Buffer | null | "too_large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (keep && size <= MAX_ANSWER_BYTES) chunks.push(chunk);
    });
    response.once("end", () => resolve(!keep ? null : size > MAX_ANSWER_BYTES ? "too_large" : Buffer.concat(chunks, size)));
    response.once("error", reject);
    response.once("close", () => {
      if (!response.complete) reject(Object.assign(new Error("The response ended early"), { code: "ECONNRESET" }));
    });
  });
}

function pairs(raw: readonly string[]): HeaderPair[] {
  const out: HeaderPair[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] ?? "", raw[i + 1] ?? ""]);
  return out;
}
