import type { IncomingMessage } from "node:http";
import { admitTarget } from "./admit";
import { describeConnectionError, type OutboundError } from "./errors";
import { readBody, startExchange } from "./exchange";
import { buildForwardHeaders, type HeaderPair } from "./forward-headers";
import { systemResolver, type Resolver } from "./resolve";
import type { TargetPolicy } from "./target-policy";
import { parseTargetUrl, redactUrl, targetPort } from "./target-url";

export { buildForwardHeaders, type HeaderPair } from "./forward-headers";
export { joinTargetUrl } from "./target-url";
export type { OutboundError, OutboundErrorCode } from "./errors";

export interface SendRequestOptions {
  method: string;
  url: string;
  /** The captured header pairs, in order; see buildForwardHeaders for what is dropped or replaced. */
  headers: readonly (readonly [string, string])[];
  /** Sent byte for byte, so a signature over it still verifies. */
  body: Uint8Array;
  /** For the whole exchange: DNS, connecting, every redirect hop and reading the body. */
  timeoutMs: number;
  /**
   * 0 (the default) returns a 3xx as the answer, as Stripe, GitHub and most webhook senders do
   * not follow redirects, so a replay shows what the sender would have seen. Above 0, redirects
   * are followed like fetch does: 307/308 resend the same method and body, 303 (and 301/302
   * after POST) switch to a bodiless GET; the policy is checked again on every hop.
   */
  maxRedirects?: number;
  maxResponseBytes: number;
  policy: TargetPolicy;
  resolve?: Resolver;
}

export interface SendSuccess {
  ok: true;
  status: number;
  statusText: string;
  /** Raw response headers, in order, as the target sent them. */
  headers: HeaderPair[];
  /** The body as received (not decompressed), cut at maxResponseBytes. */
  body: Uint8Array;
  bodyTruncated: boolean;
  durationMs: number;
  /** Each redirect followed, without credentials. */
  redirects: string[];
}

export interface SendFailure {
  ok: false;
  error: OutboundError;
  durationMs: number;
  /** Redirects followed before the failure; the last is where it happened. */
  redirects: string[];
}

export type SendResult = SendSuccess | SendFailure;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const BODY_HEADERS = new Set(["content-type", "content-encoding", "content-language", "content-location", "content-length", "transfer-encoding"]);
// What fetch drops when a redirect leaves the origin, plus Cookie as curl does.
const ORIGIN_BOUND_HEADERS = new Set(["authorization", "cookie"]);

/** Re-sends a captured request to a target, after checking the target against the policy. */
export async function sendRequest(options: SendRequestOptions): Promise<SendResult> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const redirects: string[] = [];
  try {
    const outcome = await send(options, controller.signal, redirects);
    const durationMs = Math.round(performance.now() - started);
    return "error" in outcome ? { ok: false, error: outcome.error, durationMs, redirects } : { ...outcome, durationMs, redirects };
  } finally {
    clearTimeout(timer);
  }
}

type Outcome = { error: OutboundError } | Omit<SendSuccess, "durationMs" | "redirects">;

async function send(options: SendRequestOptions, signal: AbortSignal, redirects: string[]): Promise<Outcome> {
  const parsed = parseTargetUrl(options.url);
  if (!parsed.ok) return { error: { code: "invalid_url", message: parsed.message } };
  const maxRedirects = options.maxRedirects ?? 0;
  const timeout = (where: string): OutboundError => ({
    code: "timeout",
    message: `No complete answer from ${where} within ${options.timeoutMs} ms.`,
  });

  let url = parsed.url;
  let method = options.method;
  let captured = options.headers;
  let body = options.body;
  for (;;) {
    const where = `${url.hostname}:${targetPort(url)}`;
    const hopFailure = (error: OutboundError): Outcome =>
      redirects.length === 0 ? { error } : { error: { ...error, message: `The target redirected to ${redactUrl(url)}. ${error.message}` } };

    const admission = await untilAborted(admitTarget(url, options.policy, options.resolve ?? systemResolver), signal);
    if (admission === null) return hopFailure(timeout(where));
    if (!admission.ok) return hopFailure(admission.error);

    let response: IncomingMessage;
    try {
      response = await startExchange({
        url,
        method,
        headers: buildForwardHeaders(captured, url, body.length, method),
        body,
        hostname: admission.hostname,
        port: admission.port,
        addresses: admission.addresses,
        signal,
      });
    } catch (error) {
      return hopFailure(signal.aborted ? timeout(where) : describeConnectionError(error, where));
    }

    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (maxRedirects > 0 && REDIRECT_STATUSES.has(status) && location !== undefined) {
      response.destroy();
      const next = parseRedirect(location, url);
      if (!next.ok) return hopFailure({ code: "invalid_url", message: `${where} redirected to ${next.message}` });
      if (redirects.length >= maxRedirects) {
        return {
          error: {
            code: "too_many_redirects",
            message: `Stopped after ${maxRedirects} redirect${maxRedirects === 1 ? "" : "s"}: ` + `${where} redirected again, to ${redactUrl(next.url)}.`,
          },
        };
      }
      if (switchesToGet(status, method)) {
        method = "GET";
        body = new Uint8Array(0);
        captured = captured.filter(([name]) => !BODY_HEADERS.has(name.toLowerCase()));
      }
      if (next.url.origin !== url.origin) {
        captured = captured.filter(([name]) => !ORIGIN_BOUND_HEADERS.has(name.toLowerCase()));
      }
      url = next.url;
      redirects.push(redactUrl(url));
      continue;
    }

    try {
      const read = await readBody(response, options.maxResponseBytes);
      return {
        ok: true,
        status,
        statusText: response.statusMessage ?? "",
        headers: pairs(response.rawHeaders),
        body: read.body,
        bodyTruncated: read.truncated,
      };
    } catch (error) {
      return hopFailure(signal.aborted ? timeout(where) : describeConnectionError(error, where));
    }
  }
}

// As fetch does: 303 turns anything but GET/HEAD into GET, and 301/302 turn POST into GET,
// since that is what browsers did and servers came to rely on.
function switchesToGet(status: number, method: string): boolean {
  const upper = method.toUpperCase();
  if (status === 303) return upper !== "GET" && upper !== "HEAD";
  return (status === 301 || status === 302) && upper === "POST";
}

function parseRedirect(location: string, base: URL): { ok: true; url: URL } | { ok: false; message: string } {
  let resolved: string;
  try {
    resolved = new URL(location, base).href;
  } catch {
    return { ok: false, message: `an invalid URL (Location: ${location.replace(/\/\/[^/?#]*@/, "//")}).` };
  }
  const parsed = parseTargetUrl(resolved);
  return parsed.ok ? parsed : { ok: false, message: `${redactUrl(resolved)}. ${parsed.message}` };
}

/** Null once the signal aborts: DNS lookups cannot be cancelled, only stopped being waited for. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | null> {
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(null);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function pairs(raw: readonly string[]): HeaderPair[] {
  const out: HeaderPair[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] ?? "", raw[i + 1] ?? ""]);
  return out;
}
