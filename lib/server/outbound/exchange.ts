import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { HeaderPair } from "./forward-headers";
import { pinnedLookup, type ResolvedAddress } from "./resolve";

export interface Exchange {
  url: URL;
  method: string;
  headers: readonly HeaderPair[];
  body: Uint8Array;
  /** From admitTarget: the connection may only use these. */
  hostname: string;
  port: number;
  addresses: readonly ResolvedAddress[];
  signal: AbortSignal;
}

/** Sends one request and settles when the response head arrives; the body is left to readBody. */
export function startExchange(exchange: Exchange): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const transport = exchange.url.protocol === "https:" ? https : http;
    let request: http.ClientRequest;
    try {
      request = transport.request({
        hostname: exchange.hostname,
        port: exchange.port,
        method: exchange.method,
        path: exchange.url.pathname + exchange.url.search,
        // A flat raw array is written as given: order, case and duplicates survive (checked on
        // Node 20). Node then fills in neither Host nor Content-Length (it would fall back to
        // chunked), which is why buildForwardHeaders sets both; it only appends Connection.
        headers: exchange.headers.flat(),
        lookup: pinnedLookup(exchange.addresses),
        // A fresh connection per exchange: a pooled socket could be one opened to an address
        // checked under another policy.
        agent: false,
        signal: exchange.signal,
      });
    } catch (error) {
      // Node validates header names, values and the method synchronously.
      reject(error);
      return;
    }
    request.once("response", resolve);
    // `on`, not `once`: a late second error (after a truncated body, say) must not go unhandled.
    request.on("error", reject);
    request.end(exchange.body);
  });
}

export interface ReadBody {
  body: Uint8Array;
  truncated: boolean;
}

/** Reads the body up to `limit` bytes, dropping the connection once it has more than that. */
export function readBody(response: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (truncated: boolean) => {
      if (settled) return;
      settled = true;
      const body = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        body.set(chunk, offset);
        offset += chunk.length;
      }
      resolve({ body, truncated });
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    response.on("data", (chunk: Buffer) => {
      if (settled) return;
      const room = Math.max(0, limit - size);
      if (chunk.length <= room) {
        chunks.push(chunk);
        size += chunk.length;
        return;
      }
      chunks.push(chunk.subarray(0, room));
      size += room;
      finish(true);
      response.destroy();
    });
    response.once("end", () => finish(false));
    response.once("error", fail);
    response.once("close", () => {
      if (!response.complete) fail(Object.assign(new Error("The response ended early"), { code: "ECONNRESET" }));
    });
  });
}
