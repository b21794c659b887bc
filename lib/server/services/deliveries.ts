import { z } from "zod";
import type { DeliveryAttemptInfo, DeliveryDetail, DeliverySummary, ResignSummaryInfo } from "@/lib/shared/api-types";
import { backoffDelay, isRetryable, retryAfterDelay } from "@/lib/server/deliveries/backoff";
import { TargetUrl, MAX_FORWARD_ATTEMPTS } from "@/lib/shared/settings/settings";
import { env } from "@/lib/server/env";
import { RequestNotFoundError, ValidationError, DomainError } from "@/lib/shared/errors";
import { newRequestId } from "@/lib/server/ids";
import { sendRequest } from "@/lib/server/outbound/send";
import { parseOutboundRole } from "@/lib/shared/instance-policy";
import { outboundRoleOf, targetPolicyFor } from "@/lib/server/services/instance-policy";
import type { BinAccess } from "@/lib/server/services/access";
import * as deliveries from "@/lib/server/queries/deliveries";
import { getRequest } from "@/lib/server/queries/requests";
import { ResignChoiceSchema, resignWithBinSecret } from "@/lib/server/services/resign";
import { metrics } from "@/lib/server/metrics";
import { publish } from "@/lib/server/realtime/bus";
import { headerValue, parseHeaderPairs } from "@/lib/shared/headers";
import { utf8Text } from "@/lib/shared/body/utf8";

const SEND_TIMEOUT_MS = 15_000;
const MAX_RESPONSE_BYTES = 256 * 1024;
const LEASE_MS = 60_000;

export function toDeliverySummary(record: deliveries.DeliveryRecord): DeliverySummary {
  return {
    id: record.id,
    binId: record.binId,
    requestId: record.requestId,
    kind: record.kind as DeliverySummary["kind"],
    targetUrl: record.targetUrl,
    status: record.status as DeliverySummary["status"],
    attempts: record.attempts,
    maxAttempts: record.maxAttempts,
    nextAttemptAt: record.nextAttemptAt?.toISOString() ?? null,
    lastError: record.lastError,
    resigned: record.resigned ? (JSON.parse(record.resigned) as ResignSummaryInfo) : null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

function toAttemptInfo(attempt: deliveries.DeliveryAttemptRecord): DeliveryAttemptInfo {
  const body = attempt.responseBody ? Buffer.from(attempt.responseBody) : null;
  return {
    number: attempt.number,
    startedAt: attempt.startedAt.toISOString(),
    durationMs: attempt.durationMs,
    outcome: attempt.outcome as DeliveryAttemptInfo["outcome"],
    status: attempt.status,
    responseHeaders: attempt.responseHeaders ? parseHeaderPairs(attempt.responseHeaders) : null,
    responseBodyBase64: body?.toString("base64") ?? null,
    responseBodyText: body ? utf8Text(body) : null,
    responseTruncated: attempt.responseTruncated,
    error: attempt.errorCode ? { code: attempt.errorCode, message: attempt.errorMessage ?? "" } : null,
  };
}

function toDetail(record: deliveries.DeliveryRecord, attempts: deliveries.DeliveryAttemptRecord[]): DeliveryDetail {
  return { ...toDeliverySummary(record), method: record.method, attemptLog: attempts.map(toAttemptInfo) };
}

/** Sends one attempt of a delivery the caller holds (claimed, or just created), records it, and schedules what follows. */
export async function attemptDelivery(delivery: deliveries.DeliveryRecord, options: { followRedirects?: boolean } = {}): Promise<void> {
  const startedAt = new Date();
  const result = await sendRequest({
    method: delivery.method,
    url: delivery.targetUrl,
    headers: parseHeaderPairs(delivery.headers),
    body: delivery.body,
    timeoutMs: SEND_TIMEOUT_MS,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    maxRedirects: options.followRedirects ? 5 : 0,
    policy: await targetPolicyFor(parseOutboundRole(delivery.senderRole)),
  });
  const number = delivery.attempts + 1;
  const status = result.ok ? result.status : null;
  const errorCode = result.ok ? null : result.error.code;
  const succeeded = result.ok && result.status < 400;
  const outcome = succeeded ? "succeeded" : result.ok ? "http_error" : errorCode === "blocked_target" ? "blocked" : "network_error";
  const lastError = succeeded ? null : result.ok ? `The target answered ${result.status} ${result.statusText}`.trim() : result.error.message;
  metrics().deliveries.inc({ kind: delivery.kind, outcome });
  const retry = !succeeded && number < delivery.maxAttempts && isRetryable({ status, errorCode });
  const retryAfter = result.ok ? retryAfterDelay(headerValue(result.headers, "retry-after"), Date.now()) : null;
  const delay = retryAfter ?? backoffDelay(number, env().FORWARD_RETRY_BASE_MS);
  await deliveries.recordAttempt(
    {
      id: newRequestId(),
      deliveryId: delivery.id,
      number,
      startedAt,
      durationMs: result.durationMs,
      outcome,
      status,
      responseHeaders: result.ok ? JSON.stringify(result.headers) : null,
      responseBody: result.ok ? new Uint8Array(result.body) : null,
      responseTruncated: result.ok && result.bodyTruncated,
      errorCode,
      errorMessage: result.ok ? null : result.error.message,
    },
    {
      attempts: number,
      status: succeeded ? "succeeded" : retry ? "pending" : "dead",
      nextAttemptAt: retry ? new Date(Date.now() + delay) : null,
      lastError,
    },
  );
  const updated = await deliveries.getDeliveryById(delivery.id);
  if (updated) publish("delivery.updated", toDeliverySummary(updated));
}

/** Claims a due delivery and runs one attempt; false when another worker took it first. */
export async function runDueDelivery(deliveryId: string, now: Date = new Date()): Promise<boolean> {
  if (!(await deliveries.claimDelivery(deliveryId, now, new Date(now.getTime() + LEASE_MS)))) return false;
  const delivery = await deliveries.getDeliveryById(deliveryId);
  if (delivery) await attemptDelivery(delivery);
  return true;
}

export const HeaderPairs = z.array(
  z.tuple([
    z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "a header name may not contain spaces or colons"),
    z.string().refine((v) => !/[\r\n\0]/.test(v), "a header value may not contain line breaks"),
  ]),
);

/** Edits to a captured request before it is sent again (replay, or through a CLI); what is not given is sent as captured. */
export const RequestEditsSchema = z.object({
  method: z
    .string()
    .regex(/^[A-Za-z]+$/, "method is a word such as POST")
    .max(20)
    .optional(),
  headers: HeaderPairs.max(200).optional(),
  bodyBase64: z.string().optional(),
  bodyText: z.string().optional(),
});

export const oneBodyEdit = (edits: { bodyBase64?: string | undefined; bodyText?: string | undefined }) =>
  edits.bodyBase64 === undefined || edits.bodyText === undefined;

export const ReplaySchema = RequestEditsSchema.extend({
  targetUrl: TargetUrl,
  /** Webhook senders do not follow redirects, so by default neither does a replay. */
  followRedirects: z.boolean().default(false),
  /** Sign again with one of the bin's secrets, now, after the edits, for the target URL. */
  resign: ResignChoiceSchema.optional(),
})
  .strict()
  .refine(oneBodyEdit, "give bodyBase64 or bodyText, not both");

export type ReplayInput = z.input<typeof ReplaySchema>;

export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new ValidationError("bodyBase64 is not valid base64");
  return new Uint8Array(Buffer.from(text, "base64"));
}

/**
 * Re-sends a captured request (optionally edited) once, now, and returns the outcome in full. It is
 * sent for the caller's role: the instance policy decides by it whether it may reach private addresses.
 */
export async function replayRequest(access: BinAccess, requestId: string, replay: ReplayInput): Promise<DeliveryDetail> {
  const binId = access.bin.id;
  const captured = await getRequest(binId, requestId);
  if (!captured) throw new RequestNotFoundError();
  const body =
    replay.bodyBase64 !== undefined
      ? decodeBase64(replay.bodyBase64)
      : replay.bodyText !== undefined
        ? new Uint8Array(Buffer.from(replay.bodyText))
        : captured.body;
  let outgoing = { method: (replay.method ?? captured.method).toUpperCase(), url: replay.targetUrl, headers: replay.headers ?? captured.headers, body };
  let resigned: string | null = null;
  if (replay.resign) {
    const result = resignWithBinSecret(access.bin.secrets, replay.resign, outgoing);
    outgoing = { ...result.request, body: new Uint8Array(result.request.body) };
    resigned = JSON.stringify(result.summary);
  }
  const delivery: deliveries.DeliveryRecord = {
    id: newRequestId(),
    binId,
    requestId,
    kind: "replay",
    targetUrl: outgoing.url,
    method: outgoing.method,
    headers: JSON.stringify(outgoing.headers),
    body: outgoing.body,
    resigned,
    senderRole: await outboundRoleOf(access),
    status: "sending",
    attempts: 0,
    maxAttempts: 1,
    nextAttemptAt: null,
    leaseUntil: null,
    lastError: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  await deliveries.createDelivery(delivery);
  await attemptDelivery(delivery, { followRedirects: replay.followRedirects });
  return getDeliveryDetail(binId, delivery.id);
}

export async function getDeliveryDetail(binId: string, deliveryId: string): Promise<DeliveryDetail> {
  const record = await deliveries.getDelivery(binId, deliveryId);
  if (!record) throw new DomainError("delivery_not_found", "No delivery with that id in this bin.", 404);
  return toDetail(record, await deliveries.getAttempts(deliveryId));
}

export async function listDeliveryDetails(binId: string, filter: { requestId?: string; deadOnly?: boolean }, limit = 100): Promise<DeliveryDetail[]> {
  // Dead letters are what the server gave up sending; a CLI's failures belong to the developer's machine.
  const rows = await deliveries.listDeliveries(
    { binId, requestId: filter.requestId, ...(filter.deadOnly ? { statuses: ["dead"], excludeKinds: ["cli"] } : {}) },
    limit,
  );
  return rows.map((row) => toDetail(row, row.attemptLog));
}

/** Puts a delivery that gave up back in the queue with a fresh allowance of attempts. */
export async function retryDeadDelivery(binId: string, deliveryId: string): Promise<DeliveryDetail> {
  const record = await deliveries.getDelivery(binId, deliveryId);
  if (!record) throw new DomainError("delivery_not_found", "No delivery with that id in this bin.", 404);
  if (record.status !== "dead") throw new DomainError("not_dead", `Only a delivery that gave up can be retried; this one is ${record.status}.`, 409);
  // The server never sent it: it went from a developer's machine, which is where it can be sent again.
  if (record.kind === "cli")
    throw new DomainError(
      "cli_delivery",
      "This delivery was made by hookscope forward on a developer's machine; send the request again from the Replay tab through that CLI.",
      409,
    );
  const extra = Math.min(MAX_FORWARD_ATTEMPTS, Math.max(1, record.maxAttempts));
  await deliveries.requeueDelivery(binId, deliveryId, new Date(), extra);
  publish("forward.queued", {});
  return getDeliveryDetail(binId, deliveryId);
}
