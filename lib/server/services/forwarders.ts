import { z } from "zod";
import type { DeliveryDetail, ForwarderInfo, ForwarderReport, ReplayEdits, ResignSummaryInfo } from "@/lib/shared/api-types";
import { ResignSummarySchema } from "@/lib/shared/contract";
import { DomainError, RequestNotFoundError, ValidationError } from "@/lib/shared/errors";
import { newRequestId, REQUEST_ID_PATTERN } from "@/lib/server/ids";
import * as forwarders from "@/lib/server/queries/forwarders";
import { recordForwarderReports, type ReportRow } from "@/lib/server/queries/hot-store";
import { getRequest } from "@/lib/server/queries/requests";
import { publish } from "@/lib/server/realtime/bus";
import { decodeBase64, getDeliveryDetail, HeaderPairs, oneBodyEdit, RequestEditsSchema } from "@/lib/server/services/deliveries";
import { deliverAnswer, expectAnswer } from "@/lib/server/services/forward-answers";
import { parseInput } from "@/lib/server/validation";
import { metrics } from "@/lib/server/metrics";

/** Letters, digits and `. _ : -`, as typed on a command line and shown in the inspector. */
export const FORWARDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
// What a local app may answer a sender through a forwarder: more is refused, never cut.
export const MAX_ANSWER_BODY_BYTES = 1024 * 1024;
// How long the inspector's "send to my CLI" waits for the CLI's report.
const PUSH_TIMEOUT_MS = 35_000;

/** The delivery id a forwarder reports under: the same report twice is stored once. */
export function forwarderKey(forwarderId: string, suffix: string): string {
  return `cli-${forwarderId}-${suffix}`;
}

export function checkForwarderName(name: string): string {
  if (!FORWARDER_NAME.test(name)) {
    throw new ValidationError(
      `A forwarder name is 1 to 100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit; not "${name.slice(0, 120)}".`,
    );
  }
  return name;
}

async function requireForwarder(binId: string, name: string): Promise<forwarders.ForwarderRecord> {
  const forwarder = await forwarders.findForwarder(binId, checkForwarderName(name));
  if (!forwarder) throw new DomainError("forwarder_not_found", `No forwarder named "${name}" in this bin.`, 404);
  return forwarder;
}

function isConnected(forwarder: forwarders.ForwarderRecord, now: number): boolean {
  return forwarder.connectedUntil !== null && forwarder.connectedUntil.getTime() > now;
}

export async function listForwarderInfo(binId: string, respondingUntil: Date | null): Promise<ForwarderInfo[]> {
  const now = Date.now();
  const rows = await forwarders.listForwarders(binId);
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      name: row.name,
      cursor: row.cursor,
      backlog: await forwarders.countAfter(binId, row.cursor),
      connected: isConnected(row, now),
      responding: isConnected(row, now) && respondingUntil !== null && respondingUntil.getTime() > now,
      lastSeenAt: row.lastSeenAt.toISOString(),
      createdAt: row.createdAt.toISOString(),
      dropped: row.dropped,
      droppedAt: row.droppedAt?.toISOString() ?? null,
    })),
  );
}

/** Forgets a forwarder: retention stops keeping captures for it, and a connected CLI is let go. */
export async function removeForwarder(binId: string, name: string): Promise<void> {
  const forwarder = await requireForwarder(binId, name);
  await forwarders.deleteForwarder(binId, forwarder.name);
  publish("forwarder.takeover", { forwarderId: forwarder.id, connectionId: null });
  publish("forwarder.changed", { binId });
}

const ReportSchema = z
  .object({
    key: z.string().regex(/^cli-[0-9a-f]{20}-[0-9a-z-]{1,80}$/, "a key from the stream"),
    requestId: z.string().regex(REQUEST_ID_PATTERN, "a request id"),
    kind: z.enum(["capture", "replay", "push"]),
    targetUrl: z.string().min(1).max(2048),
    status: z.number().int().min(100).max(599).nullable(),
    durationMs: z.number().int().min(0).max(3_600_000),
    error: z.object({ code: z.string().min(1).max(64), message: z.string().max(1000) }).nullable(),
    response: z
      .object({ headers: HeaderPairs.max(200), bodyBase64: z.string().max(Math.ceil(MAX_ANSWER_BODY_BYTES / 3) * 4) })
      .strict()
      .nullable()
      .optional(),
    resigned: ResignSummarySchema.extend({
      scheme: z.string().max(40),
      replaced: z.array(z.string().max(200)).max(20),
      added: z.array(z.string().max(200)).max(20),
      note: z.string().max(200).optional(),
    }).optional(),
  })
  .strict()
  .refine((report) => (report.status === null) !== (report.error === null), "give a status, or an error, not both");

const ReportBatchSchema = z
  .object({
    cursor: z.number().int().min(0).nullable(),
    reports: z.array(ReportSchema).max(1000),
  })
  .strict();

function toRow(binId: string, report: ForwarderReport, now: Date): ReportRow {
  const succeeded = report.status !== null && report.status < 400;
  return {
    key: report.key,
    binId,
    requestId: report.requestId,
    targetUrl: report.targetUrl,
    status: succeeded ? "succeeded" : "dead",
    outcome: succeeded ? "succeeded" : report.error ? "network_error" : "http_error",
    httpStatus: report.status,
    durationMs: report.durationMs,
    startedAt: new Date(now.getTime() - report.durationMs),
    lastError: succeeded ? null : (report.error?.message ?? `The target answered ${report.status}`),
    errorCode: report.error?.code ?? null,
    errorMessage: report.error?.message ?? null,
    responseHeaders: report.response ? JSON.stringify(report.response.headers) : null,
    responseBody: report.response ? Buffer.from(report.response.bodyBase64, "base64") : null,
    responseTruncated: false,
    resigned: report.resigned ? JSON.stringify(report.resigned) : null,
  };
}

/**
 * Stores what a forwarder delivered (each report once, by its key), moves its cursor, and hands
 * local answers to whoever waits for them: a sender held by `--respond`, or an inspector action.
 */
export async function recordReports(binId: string, name: string, input: unknown): Promise<{ stored: number; cursor: number }> {
  const batch = parseInput(ReportBatchSchema, input);
  const forwarder = await requireForwarder(binId, name);
  const prefix = forwarderKey(forwarder.id, "");
  const foreign = batch.reports.find((report) => !report.key.startsWith(prefix));
  if (foreign) throw new ValidationError(`Report key ${foreign.key} belongs to another forwarder.`);
  const now = new Date();
  const rows = batch.reports.map((report) => toRow(binId, report, now));
  const stored = await recordForwarderReports(forwarder.id, batch.cursor, rows, now);
  // Counted as reported: a retried batch (stored once) may count a delivery twice, which a rate tolerates.
  for (const report of batch.reports) {
    metrics().deliveries.inc({ kind: "cli", outcome: report.status === null ? "network_error" : report.status < 400 ? "succeeded" : "http_error" });
  }
  for (const report of batch.reports) {
    if (report.response === undefined) continue;
    const waitKey = report.kind === "capture" ? report.requestId : report.key;
    deliverAnswer(
      waitKey,
      report.response && report.status !== null
        ? { ok: true, status: report.status, headers: report.response.headers, bodyBase64: report.response.bodyBase64 }
        : { ok: false, code: report.error?.code ?? "no_answer", message: report.error?.message ?? "The local app gave no answer." },
    );
  }
  for (const row of rows) {
    publish("delivery.updated", {
      id: row.key,
      binId,
      requestId: row.requestId,
      kind: "cli",
      targetUrl: row.targetUrl,
      status: row.status,
      attempts: 1,
      maxAttempts: 1,
      nextAttemptAt: null,
      lastError: row.lastError,
      resigned: row.resigned ? (JSON.parse(row.resigned) as ResignSummaryInfo) : null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  }
  return { stored, cursor: Math.max(forwarder.cursor, batch.cursor ?? 0) };
}

export const PushSchema = RequestEditsSchema.extend({
  requestId: z.string().regex(REQUEST_ID_PATTERN, "a request id"),
})
  .strict()
  .refine(oneBodyEdit, "give bodyBase64 or bodyText, not both");

/**
 * Sends a captured request (optionally edited) through a connected `hookscope forward` to the
 * developer's own machine, and waits for what it answered: localhost without opening the server
 * to private addresses.
 */
export async function pushToForwarder(binId: string, name: string, input: unknown): Promise<DeliveryDetail> {
  const push = parseInput(PushSchema, input);
  const requestId = push.requestId;
  const forwarder = await requireForwarder(binId, name);
  if (!isConnected(forwarder, Date.now())) {
    throw new DomainError("forwarder_offline", `No hookscope forward is connected as "${forwarder.name}" right now: start it again, then send.`, 409);
  }
  if (!(await getRequest(binId, requestId))) throw new RequestNotFoundError();
  const edits: ReplayEdits = {
    ...(push.method ? { method: push.method.toUpperCase() } : {}),
    ...(push.headers ? { headers: push.headers } : {}),
    ...(push.bodyBase64 !== undefined
      ? { bodyBase64: Buffer.from(decodeBase64(push.bodyBase64)).toString("base64") }
      : push.bodyText !== undefined
        ? { bodyBase64: Buffer.from(push.bodyText).toString("base64") }
        : {}),
  };
  const key = forwarderKey(forwarder.id, `push-${newRequestId()}`);
  const answered = expectAnswer(key, PUSH_TIMEOUT_MS);
  publish("forwarder.push", { forwarderId: forwarder.id, key, requestId, edits });
  if (!(await answered)) {
    throw new DomainError(
      "forwarder_timeout",
      `hookscope forward "${forwarder.name}" did not report within ${PUSH_TIMEOUT_MS / 1000} s; it may have stopped.`,
      504,
    );
  }
  return getDeliveryDetail(binId, key);
}
