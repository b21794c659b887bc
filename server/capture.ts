import type { TLSSocket } from "node:tls";
import type { IncomingMessage, ServerResponse } from "node:http";
import { DomainError, PayloadTooLargeError, errorMessage } from "@/lib/shared/errors";
import { metrics } from "@/lib/server/metrics";
import type { ResponseDecision } from "@/lib/server/bins/respond";
import type { BinSettings } from "@/lib/shared/settings/settings";
import type { ForwarderAnswer } from "@/lib/shared/api-types";
import { answerHeaders } from "@/lib/server/outbound/forward-headers";
import { sandboxAnswerHeaders } from "@/lib/server/services/answer-sandbox";
import { captureRequest } from "@/lib/server/services/capture";
import { countRefusal } from "@/lib/server/services/refusals";
import { recordAnswerStatus } from "@/lib/server/services/requests";
import type { RateLimiter } from "@/lib/server/services/rate-limit";
import type { CaptureAdmission } from "@/lib/server/services/admission";

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
class OverloadedError extends Error {}
class IdleUploadError extends Error {}

/**
 * Reads the whole body, refusing it (413) as soon as it passes the limit, or (503) when the bytes
 * would pass what capture may hold in memory. `reserved` counts what was taken from the budget.
 */
function readBody(
  req: IncomingMessage,
  limits: { maxBytes: number; idleMs: number },
  admission: CaptureAdmission,
  reserved: { address: string; bytes: number },
): Promise<Buffer<ArrayBuffer>> {
  const limit = limits.maxBytes;
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new PayloadTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // A sender that stops sending mid-body holds a slot for nothing: after a quiet spell it is let go.
    let idle = setTimeout(() => settle(() => reject(new IdleUploadError())), limits.idleMs);
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      req.off("data", onData);
      action();
    };
    const onData = (chunk: Buffer) => {
      clearTimeout(idle);
      idle = setTimeout(() => settle(() => reject(new IdleUploadError())), limits.idleMs);
      size += chunk.length;
      if (size > limit) {
        settle(() => reject(new PayloadTooLargeError(limit)));
        return;
      }
      if (!admission.reserve(reserved.address, chunk.length)) {
        settle(() => reject(new OverloadedError()));
        return;
      }
      reserved.bytes += chunk.length;
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

/**
 * The last entry of a forwarded header: the one the trusted proxy itself wrote. Earlier entries come
 * from the client, so trusting the first would let a sender pick its own address past an allow-list.
 */
function lastForwarded(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(",") : value;
  return joined?.split(",").at(-1)?.trim() || undefined;
}

function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? lastForwarded(req.headers["x-forwarded-for"]) : undefined;
  const address = forwarded || req.socket.remoteAddress || "";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

function arrivedOverPlainHttp(req: IncomingMessage, trustProxy: boolean): boolean {
  const forwarded = trustProxy ? lastForwarded(req.headers["x-forwarded-proto"]) : undefined;
  if (forwarded) return forwarded.toLowerCase() !== "https";
  return !(req.socket as TLSSocket).encrypted;
}

/** What a refused upload may still send after its answer (bytes, ms) before the connection is cut. */
const REFUSED_UPLOAD_DRAIN = { bytes: 16 * 1024 * 1024, ms: 5000 };

/**
 * Reads and discards the rest of a refused upload. Closing the connection at once, while the client was
 * still sending, reset it before the client had read the 413 (fetch failed with "other side closed"
 * instead of getting its answer, one CI run in several); reading the rest keeps the answer readable and
 * the connection reusable. Past REFUSED_UPLOAD_DRAIN the connection is cut.
 */
function drainRefusedUpload(req: IncomingMessage): void {
  if (req.complete) return;
  let drained = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, REFUSED_UPLOAD_DRAIN.ms);
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > REFUSED_UPLOAD_DRAIN.bytes) cut();
  });
  const done = () => clearTimeout(timer);
  req.once("end", done);
  req.once("close", done);
  req.resume();
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
  /** How long a hold rule keeps a connection open before letting go. */
  holdMaxMs: number;
  /** How long an upload may send nothing before it gets 408. */
  bodyIdleMs: number;
  binLimiter: RateLimiter;
  addressLimiter: RateLimiter;
  admission: CaptureAdmission;
}

function corsHeaders(req: IncomingMessage, settings: BinSettings): Record<string, string> {
  if (!settings.cors.enabled) return {};
  const origin = settings.cors.allowOrigin;
  const headers: Record<string, string> = {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": "X-Hookscope-Request-Id",
  };
  if (origin !== "*") headers.Vary = "Origin";
  if (req.method === "OPTIONS") {
    headers["Access-Control-Allow-Methods"] = String(req.headers["access-control-request-method"] ?? "GET, POST, PUT, PATCH, DELETE");
    const requested = req.headers["access-control-request-headers"];
    if (requested) headers["Access-Control-Allow-Headers"] = String(requested);
    headers["Access-Control-Max-Age"] = "600";
  }
  return headers;
}

/** Answers as the bin's settings decided: after the configured delay, or never (hold). */
function respond(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  decision: ResponseDecision,
  settings: BinSettings,
  options: CaptureOptions,
): void {
  const waits = decision.hold || decision.delayMs > 0;
  if (waits && !options.admission.hold()) {
    // Stored already; what cannot be rehearsed right now is the wait, and the sender is told so.
    const message = `The request was stored (${requestId}), but more answers are held back than this server allows; the bin's ${decision.hold ? "hold" : "delay"} was not applied.`;
    send(res, 503, { error: { code: "held_answers_full", message } }, { "Retry-After": "1", "X-Hookscope-Request-Id": requestId });
    void recordAnswerStatus(requestId, 503, "held answers full").catch(() => undefined);
    return;
  }
  if (waits) res.once("close", () => options.admission.release());
  if (decision.hold) {
    // The sender's timeout is what is being rehearsed; the cap only stops sockets piling up.
    const release = setTimeout(() => res.destroy(), options.holdMaxMs);
    res.on("close", () => clearTimeout(release));
    return;
  }
  const write = () => {
    if (res.destroyed || res.headersSent) return;
    const body = decision.body ?? JSON.stringify({ ok: true, id: requestId });
    const headers: [string, string][] = [
      ...(decision.contentType ? ([["Content-Type", decision.contentType]] as [string, string][]) : []),
      ...Object.entries(corsHeaders(req, settings)),
      ...sandboxAnswerHeaders(decision.headers),
      ["X-Hookscope-Request-Id", requestId],
      ["Content-Length", String(Buffer.byteLength(body))],
    ];
    res.writeHead(decision.status, headers.flat());
    res.end(req.method === "HEAD" ? undefined : body);
  };
  if (decision.delayMs <= 0) return write();
  const timer = setTimeout(write, decision.delayMs);
  res.on("close", () => clearTimeout(timer));
}

/**
 * Answers with what the developer's app said through `hookscope forward --respond`, or, when it did
 * not answer in time or could not be reached, with a 504/502 that says so: never a made-up 2xx.
 */
async function respondWithForwarderAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  pending: Promise<ForwarderAnswer | null>,
  timeoutMs: number,
  settings: BinSettings,
): Promise<void> {
  const answer = await pending;
  const cors = Object.entries(corsHeaders(req, settings));
  const extra = { ...Object.fromEntries(cors), "X-Hookscope-Request-Id": requestId };
  let status: number;
  if (answer === null) {
    status = 504;
    send(
      res,
      status,
      {
        error: {
          code: "forwarder_timeout",
          message: `The request was stored (${requestId}), but the connected hookscope forward --respond did not report its local answer within ${timeoutMs / 1000} s.`,
        },
      },
      extra,
    );
  } else if (!answer.ok) {
    status = 502;
    send(
      res,
      status,
      { error: { code: answer.code, message: `The request was stored (${requestId}); forwarding it to the local app failed: ${answer.message}` } },
      extra,
    );
  } else {
    status = answer.status;
    const body = Buffer.from(answer.bodyBase64, "base64");
    if (!res.headersSent && !res.destroyed) {
      const headers = [
        ...sandboxAnswerHeaders(answerHeaders(answer.headers)),
        ...cors,
        ["X-Hookscope-Request-Id", requestId],
        ["Content-Length", String(body.length)],
      ];
      res.writeHead(status, headers.flat());
      res.end(req.method === "HEAD" ? undefined : body);
    }
  }
  await recordAnswerStatus(requestId, status, "local app (hookscope forward --respond)").catch((error: unknown) =>
    console.error("capture: recording the forwarded answer failed:", errorMessage(error)),
  );
}

/**
 * The hot path, in plain node:http: it never reaches Next. A 2xx is sent only after the request is
 * committed; an aborted upload or a refused one leaves nothing behind.
 */
export async function handleCapture(req: IncomingMessage, res: ServerResponse, target: CaptureTarget, options: CaptureOptions): Promise<void> {
  const receivedAt = Date.now();
  const started = performance.now();
  res.once("finish", () => {
    const { captures, captureSeconds } = metrics();
    captures.inc({ status: String(res.statusCode) });
    captureSeconds.observe((performance.now() - started) / 1000);
  });
  const remoteAddress = clientAddress(req, options.trustProxy);
  const retryAfter = options.addressLimiter.take(remoteAddress, receivedAt) || options.binLimiter.take(target.binId, receivedAt);
  if (retryAfter > 0) {
    countRefusal(target.binId, "rateLimited");
    const message = `Too many requests; nothing was stored. Retry after ${retryAfter} s.`;
    send(res, 429, { error: { code: "rate_limited", message } }, { "Retry-After": String(retryAfter) });
    return;
  }
  const admitted = options.admission.enter(remoteAddress);
  if (admitted !== "admitted") {
    countRefusal(target.binId, "overloaded");
    const message =
      admitted === "address_full"
        ? "This address has more requests in flight than one sender may; nothing was stored. Retry shortly."
        : "Hookscope is taking more requests than it can store right now; nothing was stored. Retry shortly.";
    send(res, 503, { error: { code: "overloaded", message } }, { "Retry-After": "1" });
    return;
  }
  const reserved = { address: remoteAddress, bytes: 0 };
  // The slot is the capture's own work (reading, committing): released once that ends, whichever way,
  // so an answer held back on purpose does not keep it.
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    options.admission.leave(remoteAddress, reserved.bytes);
  };
  res.once("close", release);
  try {
    const body = await readBody(req, { maxBytes: options.maxBodyBytes, idleMs: options.bodyIdleMs }, options.admission, reserved);
    const { summary, decision, settings, forwarderAnswer, forwarderTimeoutMs, rejected } = await captureRequest({
      binId: target.binId,
      method: req.method ?? "GET",
      path: target.path,
      query: target.query,
      rawHeaders: req.rawHeaders,
      body,
      remoteAddress,
      httpVersion: req.httpVersion,
      receivedAt,
      plainHttp: arrivedOverPlainHttp(req, options.trustProxy),
    });
    release();
    if (rejected === "auth") countRefusal(target.binId, "unauthorized");
    if (rejected === "source") countRefusal(target.binId, "forbidden");
    if (forwarderAnswer) await respondWithForwarderAnswer(req, res, summary.id, forwarderAnswer, forwarderTimeoutMs, settings);
    else respond(req, res, summary.id, decision, settings, options);
  } catch (error) {
    release();
    if (error instanceof UploadAbortedError) {
      res.destroy();
      return;
    }
    if (error instanceof IdleUploadError) {
      const message = `No body bytes arrived for ${options.bodyIdleMs / 1000} s; nothing was stored.`;
      send(res, 408, { error: { code: "upload_idle", message } }, { Connection: "close" });
      return;
    }
    if (error instanceof OverloadedError) {
      countRefusal(target.binId, "overloaded");
      const message = "Hookscope is holding more request bodies than it may right now; nothing was stored. Retry shortly.";
      send(res, 503, { error: { code: "overloaded", message } }, { "Retry-After": "1", Connection: "close" });
      return;
    }
    if (error instanceof PayloadTooLargeError) {
      countRefusal(target.binId, "tooLarge");
      send(res, 413, { error: { code: error.code, message: error.message } });
      drainRefusedUpload(req);
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
