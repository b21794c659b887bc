import type { RequestDetail } from "@/lib/api-types";
import { joinTargetUrl, sendRequest, type SendResult } from "@/lib/outbound/send";
import { redactUrl } from "@/lib/outbound/target-url";
import type { CliReport } from "./api";

export interface Delivery {
  /** Where it went, without credentials from --to: this is shown and stored on the server. */
  targetUrl: string;
  result: SendResult;
}

// Only the status is shown and reported; the body is read just to finish the exchange cleanly.
const MAX_RESPONSE_BYTES = 64 * 1024;
// The server's limits for a report's fields.
const MAX_REPORTED_URL = 2048;
const MAX_REPORTED_MESSAGE = 1000;
const MAX_REPORTED_MS = 3_600_000;

/** Sends one captured request to the local target exactly as it was captured, without following redirects. */
export async function deliver(detail: RequestDetail, to: string, timeoutMs: number): Promise<Delivery> {
  const url = joinTargetUrl(to, detail.path, detail.query);
  const result = await sendRequest({
    method: detail.method,
    url,
    headers: detail.headers,
    body: new Uint8Array(Buffer.from(detail.bodyBase64, "base64")),
    timeoutMs,
    maxRedirects: 0,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    // Forwarding to the developer's own machine is the point, so loopback and LAN are fine here;
    // cloud metadata addresses stay refused even so.
    policy: { allowPrivate: true, allowList: [] },
  });
  return { targetUrl: redactUrl(url), result };
}

/** The outcome in the shape `POST …/deliveries` takes. */
export function toReport({ targetUrl, result }: Delivery): CliReport {
  const durationMs = Math.min(MAX_REPORTED_MS, Math.max(0, Math.round(result.durationMs)));
  const url = targetUrl.slice(0, MAX_REPORTED_URL);
  if (result.ok && result.status >= 100 && result.status <= 599) return { targetUrl: url, status: result.status, durationMs, error: null };
  const error = result.ok
    ? { code: "invalid_status", message: `The target answered with status ${result.status}, which is not valid HTTP.` }
    : { code: result.error.code, message: result.error.message.slice(0, MAX_REPORTED_MESSAGE) };
  return { targetUrl: url, status: null, durationMs, error };
}
