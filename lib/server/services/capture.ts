import type { ForwarderAnswer, RequestSummary } from "@/lib/shared/api-types";
import { decideResponse, rejectionOf, type Rejection, type ResponseDecision } from "@/lib/server/bins/respond";
import { parseStoredSettings, type BinSettings } from "@/lib/shared/settings/settings";
import { parseStoredSecrets } from "@/lib/server/bins/secrets";
import { headerValue } from "@/lib/shared/headers";
import { checkTrust, storedVerdict, trustInputOf } from "@/lib/server/bins/trust";
import { BinNotFoundError, StorageUnavailableError, errorMessage } from "@/lib/shared/errors";
import { newRequestId } from "@/lib/server/ids";
import { commitCaptureGroups, pruneRequests } from "@/lib/server/queries/hot-store";
import { arrivedRecord, type CapturedRequestRecord } from "@/lib/server/queries/requests";
import { metrics } from "@/lib/server/metrics";
import { publish } from "@/lib/server/realtime/bus";
import { BatchWriter } from "@/lib/server/services/batch-writer";
import { expectAnswer } from "@/lib/server/services/forward-answers";
import { announceTally } from "@/lib/server/services/refusals";
import { offerToStreams } from "@/lib/server/services/forward-stream";
import { env } from "@/lib/server/env";
import { toSummary } from "@/lib/server/services/serialize";
import { typeJsonOf, type JsonBody } from "@/lib/server/shapes/json-body";
import { keepParsedBody } from "@/lib/server/shapes/parsed-bodies";
import { eventTypeOf } from "@/lib/server/shapes/event-type";
import { parseJsonPath } from "@/lib/shared/json-path";

/** A request as it came off the wire, before it is stored. */
export interface IncomingCapture {
  binId: string;
  method: string;
  /** What followed the bin id in the URL path, as sent ("" when nothing did). */
  path: string;
  /** The raw query string without "?" ("" when there was none). */
  query: string;
  /** Node's `rawHeaders`: name, value, name, value... in arrival order, original case. */
  rawHeaders: string[];
  body: Buffer<ArrayBuffer>;
  remoteAddress: string;
  httpVersion: string;
  receivedAt: number;
  /** Arrived over plain HTTP (the socket, or X-Forwarded-Proto with TRUST_PROXY). */
  plainHttp: boolean;
}

export interface CaptureResult {
  summary: RequestSummary;
  /** How to answer the sender, decided from the bin's settings as they were at commit. */
  decision: ResponseDecision;
  settings: BinSettings;
  /** Set when a `hookscope forward --respond` answers for this bin: null if it did not answer in time. */
  forwarderAnswer: Promise<ForwarderAnswer | null> | null;
  /** How long the answer is awaited, for the message when it does not come. */
  forwarderTimeoutMs: number;
  /** Rejected by the bin's allow-list (403) or delivery auth (401): stored, and listed as rejected. */
  rejected: Rejection["check"] | null;
}

interface PendingCapture {
  record: CapturedRequestRecord;
  corsPreflight: boolean;
}

interface Committed {
  decision: ResponseDecision;
  settings: BinSettings;
  /** > 0: the sender gets the connected forwarder's answer, awaited this long. */
  forwarderTimeoutMs: number;
  rejected: Rejection["check"] | null;
}

export function headerPairs(rawHeaders: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return pairs;
}

function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2003";
}

function pruneLater(binId: string, keep: number): void {
  pruneRequests(binId, keep, env().FORWARD_BACKLOG_MAX)
    .then(({ removed, undelivered }) => {
      if (undelivered > 0) publish("forwarder.dropped", { binId, count: undelivered });
      if (removed > 0) announceTally(binId);
    })
    .catch((error: unknown) => console.error(`capture: pruning bin ${binId} failed:`, errorMessage(error)));
}

/**
 * One group commit: in one transaction, number each bin's captures and read its settings, decide
 * each answer, insert every row. Rows of a bin that no longer exists fail alone.
 */
async function commitBatch(pending: PendingCapture[]): Promise<(Committed | Error)[]> {
  const results: (Committed | Error)[] = new Array(pending.length);
  const indexesByBin = new Map<string, number[]>();
  pending.forEach(({ record }, i) => indexesByBin.set(record.binId, [...(indexesByBin.get(record.binId) ?? []), i]));
  const groups = [...indexesByBin].map(([binId, indexes]) => ({ binId, indexes, rows: indexes.map((i) => pending[i]!.record) }));
  const shapes = env().EVENT_SHAPES;
  const parsedBodies: [string, JsonBody][] = [];
  const reservations = await commitCaptureGroups(groups, (reservation, rows) => {
    const settings = parseStoredSettings(reservation.settings);
    const secrets = parseStoredSecrets(reservation.secrets);
    const group = groups.find((g) => g.rows === rows)!;
    const typePath = settings.eventTypePath === null ? null : parseJsonPath(settings.eventTypePath);
    rows.forEach((record, k) => {
      const { corsPreflight } = pending[group.indexes[k]!]!;
      const trust = checkTrust(trustInputOf(record.binId, record), settings, secrets);
      if (shapes !== "off") {
        const json = typeJsonOf(record.contentType, record.body, () => {
          const value = trust.view.json();
          return value === undefined ? undefined : { value, text: trust.view.bodyText() };
        });
        // Too large to parse: the type comes from headers alone, as if the body said nothing.
        if (json !== null) record.eventType = eventTypeOf({ headers: record.headers, json: json.kind === "too_large" ? undefined : json.value, typePath });
        // Its shape, drift and schema verdict are the background learner's (lib/server/shapes/learner.ts).
        record.shapePending = shapes === "on" && record.eventType !== null;
        if (record.shapePending && json !== null) parsedBodies.push([record.id, json]);
      }
      Object.assign(record, storedVerdict(trust.verdict));
      record.deliveryKey = trust.deliveryKey;
      record.authFailure = trust.authFailure;
      record.sourceFailure = trust.sourceFailure;
      const rejection = rejectionOf(settings, trust);
      const decision = decideResponse(settings, reservation.first + k, { corsPreflight, rejection });
      record.sequence = reservation.first + k;
      record.responseStatus = decision.hold ? 0 : decision.status;
      record.responseRule = decision.rule;
      record.forwardPending = settings.forward.enabled && settings.forward.url !== null;
      // A rule, a failed auth check or a preflight is Hookscope's own answer; otherwise the local app answers.
      const responderLive = reservation.responderUntil !== null && reservation.responderUntil > Date.now();
      const forwarderTimeoutMs = responderLive && decision.rule === null ? reservation.responderTimeoutMs : 0;
      results[group.indexes[k]!] = { decision, settings, forwarderTimeoutMs, rejected: rejection?.check ?? null };
    });
  });
  for (const [id, body] of parsedBodies) keepParsedBody(id, body);
  groups.forEach((group, g) => {
    const reservation = reservations[g];
    if (!reservation) {
      for (const i of group.indexes) results[i] = new BinNotFoundError();
      return;
    }
    const last = reservation.first + group.rows.length - 1;
    if (last > reservation.maxRequests) pruneLater(group.binId, reservation.maxRequests);
  });
  if (pending.some(({ record }) => record.forwardPending)) publish("forward.queued", {});
  return results;
}

const writer = new BatchWriter<PendingCapture, Committed>(commitBatch);

/** Stores the request; resolves once it is committed, then announces it to live viewers. */
export async function captureRequest(input: IncomingCapture): Promise<CaptureResult> {
  const headers = headerPairs(input.rawHeaders);
  const record = arrivedRecord({
    id: newRequestId(input.receivedAt),
    binId: input.binId,
    method: input.method,
    path: input.path,
    query: input.query,
    headers,
    body: input.body,
    remoteAddress: input.remoteAddress,
    httpVersion: input.httpVersion,
    receivedAt: new Date(input.receivedAt),
    plainHttp: input.plainHttp,
  });
  let committed: Committed;
  try {
    const corsPreflight = input.method === "OPTIONS" && headerValue(headers, "access-control-request-method") !== undefined;
    committed = await writer.write({ record, corsPreflight });
  } catch (error) {
    if (error instanceof BinNotFoundError || isForeignKeyViolation(error)) throw new BinNotFoundError();
    console.error("capture: write failed:", errorMessage(error));
    metrics().databaseErrors.inc({ where: "capture" });
    throw new StorageUnavailableError();
  }
  // Waiting starts before anyone hears of the capture, so a fast answer cannot be missed.
  const forwarderAnswer = committed.forwarderTimeoutMs > 0 ? expectAnswer(record.id, committed.forwarderTimeoutMs) : null;
  // Forward streams first: a developer's local app waiting for this is the latency that is measured.
  offerToStreams(record);
  const summary = toSummary(record);
  publish("request.captured", summary);
  return { summary, ...committed, forwarderAnswer };
}
