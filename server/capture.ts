import type { IncomingMessage, ServerResponse } from "node:http";
import { DomainError, PayloadTooLargeError } from "@/lib/errors";
import { captureRequest } from "@/lib/services/capture";

/** `/h/<binId>` or `/h/<binId>/<subpath>`, with the query kept raw. */
export interface CaptureTarget {
  binId: string;
  path: string;
  query: string;
}

export function matchCaptureUrl(url: string | undefined): CaptureTarget | null {
  if (!url || !url.startsWith("/h/")) return null;
  const queryAt = url.indexOf("?");
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? "" : url.slice(queryAt + 1);
  const rest = pathname.slice(3);
  const slashAt = rest.indexOf("/");
  const binId = slashAt === -1 ? rest : rest.slice(0, slashAt);
  const path = slashAt === -1 ? "" : rest.slice(slashAt);
  return { binId, path, query };
}

class UploadAbortedError extends Error {}

/** Reads the whole body, refusing it (413) as soon as it passes the limit. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new PayloadTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      action();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        settle(() => reject(new PayloadTooLargeError(limit)));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => settle(() => resolve(Buffer.concat(chunks, size))));
    req.on("error", () => settle(() => reject(new UploadAbortedError())));
    req.on("close", () => {
      if (!req.complete) settle(() => reject(new UploadAbortedError()));
    });
  });
}

function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers["x-forwarded-for"] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  const address = first || req.socket.remoteAddress || "";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

function send(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(payload),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(res.req.method === "HEAD" ? undefined : payload);
}

export interface CaptureOptions {
  maxBodyBytes: number;
  trustProxy: boolean;
}

/**
 * The hot path, in plain node:http: it never reaches Next. A 2xx is sent only after the request is
 * committed; an aborted upload or a refused one leaves nothing behind.
 */
export async function handleCapture(
  req: IncomingMessage,
  res: ServerResponse,
  target: CaptureTarget,
  options: CaptureOptions,
): Promise<void> {
  const receivedAt = Date.now();
  try {
    const body = await readBody(req, options.maxBodyBytes);
    const summary = await captureRequest({
      binId: target.binId,
      method: req.method ?? "GET",
      path: target.path,
      query: target.query,
      rawHeaders: req.rawHeaders,
      body,
      remoteAddress: clientAddress(req, options.trustProxy),
      httpVersion: req.httpVersion,
      receivedAt,
    });
    send(res, 200, { ok: true, id: summary.id }, { "X-Hookscope-Request-Id": summary.id });
  } catch (error) {
    if (error instanceof UploadAbortedError) {
      res.destroy();
      return;
    }
    if (error instanceof PayloadTooLargeError) {
      // Stop reading an upload we will not keep; the client still gets the answer first.
      send(res, 413, { error: { code: error.code, message: error.message } }, { Connection: "close" });
      return;
    }
    if (error instanceof DomainError) {
      send(res, error.status, { error: { code: error.code, message: error.message } });
      return;
    }
    console.error("capture: unexpected error:", error);
    send(res, 500, { error: { code: "internal_error", message: "The request could not be stored." } });
  }
}
