import { isUtf8 } from "node:buffer";
import { performance } from "node:perf_hooks";
import { db } from "@/lib/server/db/client";
import { removeRequests, shapeLearnerStore, waitForWriteRoom } from "@/lib/server/queries/hot-store";
import type { BinRecord } from "@/lib/server/queries/bins";
import { headerValue, parseHeaderPairs } from "@/lib/shared/headers";

export interface CapturedRequestRecord {
  id: string;
  binId: string;
  method: string;
  path: string;
  query: string;
  /** `[name, value]` pairs exactly as received (stored as JSON, parsed here and nowhere else). */
  headers: [string, string][];
  contentType: string | null;
  body: Uint8Array<ArrayBuffer>;
  bodySize: number;
  remoteAddress: string;
  httpVersion: string;
  receivedAt: Date;
  sequence: number;
  /** 0 when no answer was sent (a hold rule). */
  responseStatus: number;
  responseRule: string | null;
  forwardPending: boolean;
  verdict: string;
  signature: string;
  freshness: string;
  replaySuspected: boolean;
  deliveryKey: string | null;
  duplicateOf: string | null;
  authFailure: string | null;
  sourceFailure: string | null;
  plainHttp: boolean;
  /** See lib/server/shapes/event-type.ts; null when the body is not JSON. */
  eventType: string | null;
  /** See lib/server/shapes/learn.ts: changes from the type's shape (null: not compared), as JSON, and why not compared. */
  shapeDrift: number | null;
  shapeChanges: string | null;
  shapeNote: string | null;
  /** See lib/server/shapes/schemas.ts: the owner's schema's verdict at capture (null: none for its type), its details as JSON, and which schema version. */
  schemaResult: string | null;
  schemaErrors: string | null;
  schemaRef: string | null;
  /** Not seen by the background shape learner yet: the shape and schema columns above say nothing. */
  shapePending: boolean;
}

export type RequestSummaryRecord = Omit<
  CapturedRequestRecord,
  "headers" | "body" | "httpVersion" | "forwardPending" | "deliveryKey" | "shapeChanges" | "shapeNote" | "schemaErrors"
>;

const SUMMARY_FIELDS = {
  id: true,
  binId: true,
  method: true,
  path: true,
  query: true,
  contentType: true,
  bodySize: true,
  remoteAddress: true,
  receivedAt: true,
  sequence: true,
  responseStatus: true,
  responseRule: true,
  verdict: true,
  signature: true,
  freshness: true,
  replaySuspected: true,
  duplicateOf: true,
  authFailure: true,
  sourceFailure: true,
  plainHttp: true,
  eventType: true,
  shapeDrift: true,
  schemaResult: true,
  schemaRef: true,
  shapePending: true,
} as const;

export interface ListRequestsOptions {
  limit: number;
  /** Only requests older than this id (the next page). */
  before?: string;
  /** Only requests newer than this id. */
  after?: string;
  order: "newest-first" | "oldest-first";
}

/** Rows read as stored say "pending" where SQLite's learner left them as captured: this says what the learner found. */
async function settleShapeState<R extends Pick<RequestSummaryRecord, "id" | "shapePending" | "shapeDrift">>(records: R[]): Promise<R[]> {
  const stored = records.filter((record) => record.shapePending);
  if (stored.length === 0) return records;
  const learnt = await shapeLearnerStore().learntAsCaptured(stored.map((record) => record.id));
  return records.map((record) => (learnt.has(record.id) ? { ...record, shapePending: false, shapeDrift: 0 } : record));
}

export async function listRequests(binId: string, options: ListRequestsOptions): Promise<RequestSummaryRecord[]> {
  const rows = await db().capturedRequest.findMany({
    where: {
      binId,
      id: {
        ...(options.before !== undefined ? { lt: options.before } : {}),
        ...(options.after !== undefined ? { gt: options.after } : {}),
      },
    },
    orderBy: { id: options.order === "newest-first" ? "desc" : "asc" },
    take: options.limit,
    select: SUMMARY_FIELDS,
  });
  return settleShapeState(rows);
}

/**
 * How many requests a bin holds, from its tallies instead of its rows (counting a bin of a million took 100
 * to 300 ms): every stored capture was numbered in captureCount, in the transaction that stored it, and each
 * removal since was added to prunedCount (retention) or removedCount (by hand), in the transaction that removed it.
 */
/** Counts the rows (tests and checks; the API reads storedRequests). */
export async function countRequests(binId: string): Promise<number> {
  return db().capturedRequest.count({ where: { binId } });
}

export function storedRequests(bin: Pick<BinRecord, "captureCount" | "prunedCount" | "removedCount">): number {
  return Math.max(0, bin.captureCount - bin.prunedCount - bin.removedCount);
}

/** A stored row as the services read it: its header pairs parsed and checked. */
function fromRow<R extends { headers: string }>(row: R): Omit<R, "headers"> & { headers: [string, string][] } {
  return { ...row, headers: parseHeaderPairs(row.headers) };
}

/** What the database stores of a record: the header pairs as JSON text. */
export function headersColumn(record: Pick<CapturedRequestRecord, "headers">): string {
  return JSON.stringify(record.headers);
}

/**
 * What the search index reads of the body: its text when it is valid UTF-8 without NUL bytes (PostgreSQL text
 * cannot hold NUL), else null, and searches then scan that row's bytes.
 */
export function bodyTextColumn(record: Pick<CapturedRequestRecord, "body">): string | null {
  const body = Buffer.from(record.body.buffer, record.body.byteOffset, record.body.byteLength);
  return isUtf8(body) && !body.includes(0) ? body.toString("utf8") : null;
}

export async function getRequest(binId: string, requestId: string): Promise<CapturedRequestRecord | null> {
  const row = await db().capturedRequest.findFirst({ where: { id: requestId, binId } });
  return row ? (await settleShapeState([fromRow(row)]))[0]! : null;
}

export async function getRequestBody(binId: string, requestId: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const found = await db().capturedRequest.findFirst({ where: { id: requestId, binId }, select: { body: true } });
  return found?.body ?? null;
}

export async function deleteRequest(binId: string, requestId: string): Promise<boolean> {
  return (await removeRequests(binId, { id: requestId })).removed > 0;
}

/**
 * Main-thread (SQLite) or database (PostgreSQL) time one chunk of a clear should take. One DELETE of a big
 * bin held SQLite's only write lock, and the event loop, for as long as it took (about 65 us a row on a 2-core
 * machine, a quarter of it the row's tombstone in the search index), and captures into every other bin waited behind it.
 */
const CLEAR_SLICE_MS = 5;
const CLEAR_CHUNK = { first: 100, least: 10, most: 5_000 };
/**
 * After each chunk the clear waits this many times as long as the chunk took: it keeps a quarter of the time.
 * With an equal pause (half), captures at 1,000 req/s into another bin queued behind a SQLite clear (HTTP
 * answer p50 371 ms, p99 1.5 s on a loaded 2-core machine): capture and the clear together wanted more
 * than the main thread had.
 */
const CLEAR_PAUSE_FACTOR = 3;

/**
 * Deletes the bin's requests stored when the clear began, oldest first, a chunk per transaction sized to
 * take about CLEAR_SLICE_MS, with a pause of CLEAR_PAUSE_FACTOR times the chunk's time after each: capture keeps three quarters
 * of the time (and on PostgreSQL of the server's CPU) however big the bin. On SQLite the next chunk also waits until the
 * checkpoint thread has copied the WAL the last one left, or capture's commits would copy it on the event loop. Not atomic (a crash part-way
 * leaves the newer part), and captures arriving meanwhile are kept. `keepGoing` is asked before each chunk
 * after the first: false stops the clear where it is.
 */
export async function deleteAllRequests(binId: string, keepGoing: () => Promise<boolean> = async () => true): Promise<number> {
  const newest = await db().capturedRequest.findFirst({ where: { binId }, orderBy: { id: "desc" }, select: { id: true } });
  if (!newest) return 0;
  let removed = 0;
  let limit = CLEAR_CHUNK.first;
  let afterId: string | null = null;
  for (;;) {
    const started = performance.now();
    const chunk = await removeRequests(binId, { afterId, throughId: newest.id, limit, durable: false });
    removed += chunk.removed;
    if (chunk.removed < limit || chunk.lastId === null) {
      // Committed durably, this one flushes the chunks before it too: the clear answers once they are on disk.
      return removed + (await removeRequests(binId, { afterId: chunk.lastId ?? afterId, throughId: newest.id, limit: 1, durable: true })).removed;
    }
    afterId = chunk.lastId;
    const ms = performance.now() - started;
    // Towards the slice, by at most a factor of two a step: one chunk slowed by something else does not collapse the size.
    const aimed = Math.min(limit * 2, Math.max(limit / 2, (limit * CLEAR_SLICE_MS) / Math.max(ms, 0.1)));
    limit = Math.round(Math.min(CLEAR_CHUNK.most, Math.max(CLEAR_CHUNK.least, aimed)));
    await Promise.all([new Promise((resolve) => setTimeout(resolve, ms * CLEAR_PAUSE_FACTOR)), waitForWriteRoom()]);
    if (!(await keepGoing())) return removed;
  }
}

/** Full records of a bin, oldest first: all of them, or the given ids. */
export async function listFullRequests(binId: string, ids: string[] | undefined, limit: number): Promise<CapturedRequestRecord[]> {
  const rows = await db().capturedRequest.findMany({
    where: { binId, ...(ids ? { id: { in: ids } } : {}) },
    orderBy: { id: "asc" },
    take: limit,
  });
  return rows.map(fromRow);
}

/** Stores imported requests in a new bin and counts them as its captures. */
export async function importRequests(binId: string, records: CapturedRequestRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db().capturedRequest.createMany({ data: records.map((record) => ({ ...record, headers: headersColumn(record), bodyText: bodyTextColumn(record) })) });
  await db().bin.update({ where: { id: binId }, data: { captureCount: records.length } });
}

/** A chunk of a bin's requests in id order after `afterId`, with what the trust checks read. */
export async function requestsForRecheck(binId: string, afterId: string, limit: number) {
  const rows = await db().capturedRequest.findMany({
    where: { binId, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: limit,
    select: {
      id: true,
      method: true,
      path: true,
      query: true,
      headers: true,
      body: true,
      receivedAt: true,
      remoteAddress: true,
      verdict: true,
      signature: true,
      freshness: true,
      replaySuspected: true,
    },
  });
  return rows.map(fromRow);
}

export interface StoredVerdict {
  verdict: string;
  signature: string;
  freshness: string;
  replaySuspected: boolean;
}

export async function setVerdict(id: string, verdict: StoredVerdict): Promise<void> {
  // updateMany: the request may have been deleted meanwhile, which is not an error here.
  await db().capturedRequest.updateMany({ where: { id }, data: verdict });
}

export async function setResponse(id: string, responseStatus: number, responseRule: string): Promise<void> {
  // updateMany: the request may have been deleted meanwhile, which is not an error here.
  await db().capturedRequest.updateMany({ where: { id }, data: { responseStatus, responseRule } });
}

/** The ids of a bin's newest `count` captures, oldest first. */
export async function lastSequences(binId: string, count: number): Promise<{ id: string; sequence: number }[]> {
  const rows = await db().capturedRequest.findMany({ where: { binId }, orderBy: { sequence: "desc" }, take: count, select: { id: true, sequence: true } });
  return rows.reverse();
}

/** What a request is as it arrives, before any check or answer has said more about it. */
export interface ArrivedRequest {
  id: string;
  binId: string;
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  remoteAddress: string;
  httpVersion: string;
  receivedAt: Date;
  plainHttp: boolean;
}

/** A row for a request that has not been checked or answered yet: those columns start neutral. */
export function arrivedRecord(request: ArrivedRequest): CapturedRequestRecord {
  // Every field named, in one literal: a spread followed by fifteen more properties cost about 8 µs
  // per capture in the profile (the object changed shape once per property), this builds it in one.
  return {
    id: request.id,
    binId: request.binId,
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
    body: request.body,
    remoteAddress: request.remoteAddress,
    httpVersion: request.httpVersion,
    receivedAt: request.receivedAt,
    plainHttp: request.plainHttp,
    contentType: headerValue(request.headers, "content-type") ?? null,
    bodySize: request.body.length,
    sequence: 0,
    responseStatus: 0,
    responseRule: null,
    forwardPending: false,
    verdict: "not_signed",
    signature: "not_signed",
    freshness: "not_checked",
    replaySuspected: false,
    deliveryKey: null,
    duplicateOf: null,
    authFailure: null,
    sourceFailure: null,
    eventType: null,
    shapeDrift: null,
    shapeChanges: null,
    shapeNote: null,
    schemaResult: null,
    schemaErrors: null,
    schemaRef: null,
    shapePending: false,
  };
}
