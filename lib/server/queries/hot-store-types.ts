import type { SearchIndexer } from "@/lib/server/queries/sqlite-search-index";
import type { CapturedRequestRecord, RequestSummaryRecord } from "@/lib/server/queries/requests";
import type { StoredShape } from "@/lib/server/shapes/learn";
import type { StoredSchema } from "@/lib/server/shapes/schemas";

/** The numbers reserved for one bin's captures in a batch, and the bin's state as of that moment. */
export interface BinReservation {
  /** Sequence number of the first row of the group; the rest follow one by one. */
  first: number;
  /** JSON of BinSettings, read in the same transaction: a settings change applies to the next capture. */
  settings: string;
  /** JSON of the bin's secrets, for the trust checks. */
  secrets: string;
  maxRequests: number;
  /** While a `hookscope forward --respond` holds the bin (ms since epoch), and how long a capture waits for it. */
  responderUntil: number | null;
  responderTimeoutMs: number;
}

export interface CaptureGroup {
  binId: string;
  rows: CapturedRequestRecord[];
}

/** Fills in what depends on the reservation (sequence, trust checks, the answer) before the rows are inserted. */
export type PrepareRows = (reservation: BinReservation, rows: CapturedRequestRecord[]) => void;

/** A stored JSON request as the background shape learner reads and flags it (lib/server/shapes/learner.ts). */
export type ShapeRow = Pick<
  CapturedRequestRecord,
  | "id"
  | "binId"
  | "eventType"
  | "contentType"
  | "body"
  | "receivedAt"
  | "shapeDrift"
  | "shapeChanges"
  | "shapeNote"
  | "schemaResult"
  | "schemaErrors"
  | "schemaRef"
>;

/**
 * Flags one bin's pending rows (oldest first) against their event types' shapes and owner schemas, and
 * returns the shapes to store back. `shapes` and `schemas` hold those of the rows' types the bin has.
 */
export type LearnRows = (rows: ShapeRow[], shapes: ReadonlyMap<string, StoredShape>, schemas: ReadonlyMap<string, StoredSchema>) => StoredShape[];

/** Checks rows of the schema's event type (stored before it, or before its last version) against it. */
export type RecheckRows = (rows: ShapeRow[], schema: StoredSchema) => void;

/** The background shape learner's reads and writes, on the store's own connection (SQLite) or pool (PostgreSQL). */
export interface ShapeLearnerStore {
  /**
   * Learns from up to `limit` pending rows in one transaction and clears their pending mark; returns
   * them flagged (empty: none pending). On PostgreSQL rows another instance holds are skipped. A row
   * whose body the learner already holds (`bodyKnown`) may be passed with an empty one (SQLite).
   */
  learnBatch(limit: number, learn: LearnRows, bodyKnown: (requestId: string) => boolean): Promise<ShapeRow[]>;
  /**
   * Re-checks one schema's type against it, newest first, scanning up to `scan` of the bin's requests
   * and moving the schema's re-check cursor past them. Null when no schema has a re-check to do.
   */
  recheckBatch(scan: number, recheck: RecheckRows): Promise<ShapeRow[] | null>;
  /** Rows waiting for the learner, whatever the bin. */
  pending(): Promise<number>;
  /** Of these rows stored as pending, those learnt and left as captured: found as before, so their drift is 0 (SQLite; PostgreSQL writes back every row). */
  learntAsCaptured(requestIds: string[]): Promise<Set<string>>;
}

/** The distinct event types of rows. */
export function eventTypesOf(rows: readonly Pick<CapturedRequestRecord, "eventType">[]): string[] {
  return [...new Set(rows.flatMap((record) => (record.eventType === null ? [] : [record.eventType])))];
}

/** Rows by bin, in their order. */
export function byBin(rows: ShapeRow[]): Map<string, ShapeRow[]> {
  const groups = new Map<string, ShapeRow[]>();
  for (const row of rows) {
    const group = groups.get(row.binId);
    if (group) group.push(row);
    else groups.set(row.binId, [row]);
  }
  return groups;
}

export const SHAPE_COLUMNS = `"eventType", "shape", "changes", "firstSeenAt", "lastSeenAt"`;

/** Parameters: 1 binId, 2 eventType, 3 shape, 4 changes, 5 firstSeenAt, 6 lastSeenAt. */
export const UPSERT_SHAPE_SQL = (
  p: Placeholder,
) => `INSERT INTO "EventShape" ("binId", ${SHAPE_COLUMNS}) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)})
  ON CONFLICT ("binId", "eventType") DO UPDATE SET "shape" = excluded."shape", "changes" = excluded."changes", "lastSeenAt" = excluded."lastSeenAt"`;

/** What the request list can be narrowed to; every given part must hold. */
export interface RequestSearch {
  method?: string;
  /** Exact subpath, or a prefix when it ends with `*`. */
  path?: string;
  /** A header name (any case), and optionally the exact value of one of its occurrences. */
  header?: string;
  headerValue?: string;
  /** Bytes the body contains (UTF-8 of the text given). */
  bodyContains?: string;
  /** Exactly this event type. */
  eventType?: string;
  /** The owner schema's verdict at capture. */
  schemaResult?: string;
  from?: Date;
  to?: Date;
  before?: string;
  after?: string;
  limit: number;
}

export interface PruneResult {
  removed: number;
  /** Of those, how many a forwarder or an auto-forward had not delivered (the backlog cap was reached). */
  undelivered: number;
}

/** A capture as a forwarder's stream sends it. */
export interface TailRow {
  id: string;
  sequence: number;
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
  body: Buffer;
  receivedAt: Date;
}

/** One delivery a forwarder made, as stored: a Delivery of kind "cli" and its one attempt. */
export interface ReportRow {
  /** The delivery id: the same report sent twice is stored once. */
  key: string;
  binId: string;
  requestId: string;
  targetUrl: string;
  status: "succeeded" | "dead";
  outcome: "succeeded" | "http_error" | "network_error";
  httpStatus: number | null;
  durationMs: number;
  startedAt: Date;
  lastError: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  responseHeaders: string | null;
  responseBody: Buffer | null;
  responseTruncated: boolean;
  /** JSON of what the CLI re-signed, or null. */
  resigned: string | null;
}

export interface Timeline {
  from: number;
  to: number;
  bucketMs: number;
  counts: number[];
}

/**
 * The capture hot path and the reads Prisma cannot express, in plain SQL on the database's own
 * driver: measured, Prisma's per-query work was half the CPU of a capture. One implementation per
 * database; everything else goes through Prisma.
 */
export interface HotStore {
  /**
   * Commits a batch of captures in one transaction. Per group: the reservation, or null when the bin
   * does not exist (its rows are then not inserted). Throws, committing nothing, on a storage error.
   */
  commit(groups: CaptureGroup[], prepare: PrepareRows): Promise<(BinReservation | null)[]>;
  /**
   * Keeps the newest `keep` requests of a bin, except those a forwarder or an auto-forward has not
   * delivered yet; past `keep + backlogCap` even those go, and each forwarder counts what it lost.
   */
  prune(binId: string, keep: number, backlogCap: number, now: Date): Promise<PruneResult>;
  /**
   * Deletes requests by hand and adds them to the bin's removedCount in the same transaction: the one `id`,
   * or the bin's oldest `limit` with an id above `afterId` (null: from the first) and at most `throughId`
   * (a chunk of a clear). Returns how many went, and the largest id deleted (the next chunk's `afterId`).
   */
  remove(binId: string, selection: RemoveSelection): Promise<{ removed: number; lastId: string | null }>;
  /** A forwarder's next captures after `afterSequence`, in sequence order, skipping those it already reported. */
  tail(binId: string, forwarderId: string, afterSequence: number, limits: { rows: number; bytes: number }): Promise<TailRow[]>;
  /** Stores a batch of forwarder reports (each once, by its key) and moves the forwarder's cursor forward. */
  recordReports(forwarderId: string, cursor: number | null, reports: ReportRow[], now: Date): Promise<number>;
  search(binId: string, search: RequestSearch): Promise<RequestSummaryRecord[]>;
  /** Stored requests per time bucket between `from` and `to` (ms). */
  bucketCounts(binId: string, from: number, to: number, bucketMs: number): Promise<{ bucket: number; n: number }[]>;
  oldestReceivedAt(binId: string): Promise<number | null>;
  /** Answers when the connection capture writes through answers; throws otherwise. */
  ping(): Promise<void>;
  /**
   * Resolves when a bulk writer (a clear) may write its next chunk: on SQLite once the checkpoint thread has
   * copied what the WAL holds, so that capture's commits never copy it themselves; at once on PostgreSQL.
   */
  writeRoom(): Promise<void>;
  /** SQLite's background search indexer; null on PostgreSQL, whose GIN indexes are kept in the capture's transaction. */
  searchIndexer: SearchIndexer | null;
  shapeLearner: ShapeLearnerStore;
  close(): Promise<void>;
}

/** How an engine reads a row's learner state: its columns as stored, or expressions of them (SQLite's learner). */
export interface ShapeStateSql {
  shapeDrift: string;
  shapePending: string;
}

export const STORED_SHAPE_STATE: ShapeStateSql = { shapeDrift: `"shapeDrift"`, shapePending: `"shapePending"` };

export const summaryColumns = (
  state: ShapeStateSql,
) => `"id", "binId", "method", "path", "query", "contentType", "bodySize", "remoteAddress", "receivedAt", "sequence",
  "responseStatus", "responseRule", "verdict", "signature", "freshness", "replaySuspected", "duplicateOf", "authFailure", "sourceFailure", "plainHttp", "eventType",
  ${state.shapeDrift} AS "shapeDrift", "schemaResult", "schemaRef", ${state.shapePending} AS "shapePending"`;

export const CAPTURE_COLUMNS = [
  "id",
  "binId",
  "method",
  "path",
  "query",
  "headers",
  "contentType",
  "body",
  "bodySize",
  "remoteAddress",
  "httpVersion",
  "receivedAt",
  "sequence",
  "responseStatus",
  "responseRule",
  "forwardPending",
  "verdict",
  "replaySuspected",
  "deliveryKey",
  "duplicateOf",
  "authFailure",
  "signature",
  "freshness",
  "sourceFailure",
  "plainHttp",
  "eventType",
  // The shape and schema columns are left to the background learner (lib/server/shapes/learner.ts).
  "shapePending",
] as const satisfies readonly (keyof CapturedRequestRecord)[];

/** What a capture inserts: the record's columns, then the body's text for the search index (bodyTextColumn). */
export const INSERT_COLUMNS = [...CAPTURE_COLUMNS, "bodyText"] as const;

/** How one SQL dialect spells the parts of a search that differ. */
export interface SearchDialect {
  /** The placeholder of the n-th parameter (1-based). */
  placeholder(n: number): string;
  /** Case-insensitive LIKE with a backslash escape. */
  ilike: string;
  /** A condition that the body contains the parameter's bytes. */
  bodyContains(placeholder: string): string;
  /** A time as the dialect stores it. */
  time(at: Date): unknown;
  bytes(text: string): unknown;
  /** The path as compared byte by byte, for the prefix range on the (binId, path) index. */
  bytewisePath: string;
  /**
   * Conditions that narrow the rows through the trigram index before the exact predicates run: they
   * may keep rows that do not match (the exact predicate drops them) but never drop one that does.
   * `param` binds a value; `text` has at least MIN_INDEXED_TERM characters and no NUL.
   */
  headerCandidates(param: (value: unknown) => string, text: string, part: "value" | "pair"): string | null;
  /**
   * The headers column as the exact check reads it once candidates narrow the rows: a dialect whose
   * planner would otherwise serve the exact pattern from the index as well names an expression it cannot.
   */
  checkedHeaders?: string;
  bodyCandidates(param: (value: unknown) => string, binIdParam: string, text: string): string | null;
  /** The table as the query names it when a candidates condition narrows it (a planner hint, or just the table). */
  narrowedTable: string;
  shapeState: ShapeStateSql;
  /**
   * Whether narrowing by an index is worth it for this search: an index that keeps most of a big bin
   * costs more than reading the bin newest first until the page is full. Absent: always (the database
   * plans with statistics). See the SQLite store.
   */
  worthNarrowing?(narrowing: Narrowing): boolean;
}

/** What an index would narrow a bin's rows by. */
export type Narrowing = { kind: "headers" | "body"; binId: string; text: string } | { kind: "path"; binId: string; from: string; below: string | null };

/**
 * A trigram index can find only text of three characters or more: a shorter body term is searched by
 * scanning the bin, as before the index (slow on big bins, but the same answer).
 */
export const MIN_INDEXED_TERM = 3;

function indexable(text: string): boolean {
  return [...text].length >= MIN_INDEXED_TERM && !text.includes("\0");
}

export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * The smallest string above every string that starts with `prefix`, in code point order (which is
 * UTF-8 byte order): the prefix with its last character incremented. Null when there is none.
 */
function prefixUpperBound(prefix: string): string | null {
  const chars = [...prefix];
  while (chars.length > 0) {
    const last = chars.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) return chars.join("") + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1);
  }
  return null;
}

/**
 * The search as SQL. Header matching works on the stored JSON pairs: the name is matched without
 * case, and the value exactly (as part of the JSON pair). The dialect's index conditions only narrow
 * the rows; the exact predicates below decide, so an indexed search answers what a scan would.
 */
export function searchSql(dialect: SearchDialect, binId: string, search: RequestSearch): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  const worth = (narrowing: Narrowing) => dialect.worthNarrowing?.(narrowing) ?? true;
  const binParam = param(binId);
  const where = [`"binId" = ${binParam}`];
  if (search.before) where.push(`"id" < ${param(search.before)}`);
  if (search.after) where.push(`"id" > ${param(search.after)}`);
  if (search.method) where.push(`"method" = ${param(search.method.toUpperCase())}`);
  if (search.path !== undefined) {
    if (search.path.endsWith("*")) {
      const prefix = search.path.slice(0, -1);
      const below = prefixUpperBound(prefix);
      if (prefix !== "" && worth({ kind: "path", binId, from: prefix, below })) {
        where.push(`${dialect.bytewisePath} >= ${param(prefix)}`);
        if (below !== null) where.push(`${dialect.bytewisePath} < ${param(below)}`);
      }
      where.push(`substr("path", 1, ${param(search.path.length - 1)}) = ${param(prefix)}`);
    } else where.push(`"path" = ${param(search.path)}`);
  }
  let narrowed = false;
  if (search.header) {
    const pair = search.headerValue === undefined ? `[${JSON.stringify(search.header)},` : JSON.stringify([search.header, search.headerValue]);
    // With a value, the index looks for the value alone (as JSON): the header name and the punctuation
    // around it are in most rows, and a trigram index reads every row's entry for each common trigram.
    const value = search.headerValue === undefined ? "" : JSON.stringify(search.headerValue);
    const part = indexable(value) ? "value" : "pair";
    const text = part === "value" ? value : pair;
    const candidates = indexable(text) && worth({ kind: "headers", binId, text }) ? dialect.headerCandidates(param, text, part) : null;
    if (candidates) {
      where.push(candidates);
      narrowed = true;
    }
    where.push(`${candidates ? (dialect.checkedHeaders ?? `"headers"`) : `"headers"`} ${dialect.ilike} ${param(`%${likeEscape(pair)}%`)} ESCAPE '\\'`);
  }
  if (search.eventType !== undefined) where.push(`"eventType" = ${param(search.eventType)}`);
  if (search.schemaResult !== undefined) where.push(`"schemaResult" = ${param(search.schemaResult)} AND ${currentVerdict(dialect.shapeState)}`);
  if (search.bodyContains) {
    // One narrowing condition is enough: with a header already narrowing, the body is only checked.
    const text = search.bodyContains;
    const candidates = !narrowed && indexable(text) && worth({ kind: "body", binId, text }) ? dialect.bodyCandidates(param, binParam, text) : null;
    if (candidates) {
      where.push(candidates);
      narrowed = true;
    }
    where.push(dialect.bodyContains(param(dialect.bytes(search.bodyContains))));
  }
  if (search.from) where.push(`"receivedAt" >= ${param(dialect.time(search.from))}`);
  if (search.to) where.push(`"receivedAt" <= ${param(dialect.time(search.to))}`);
  const table = narrowed ? dialect.narrowedTable : `"CapturedRequest"`;
  const sql = `SELECT ${summaryColumns(dialect.shapeState)} FROM ${table} WHERE ${where.join(" AND ")} ORDER BY "id" DESC LIMIT ${param(search.limit)}`;
  return { sql, params };
}

type Placeholder = (n: number) => string;

/** The id of the bin's request that has `offset` newer ones: it and every older one are past the limit. */
const NTH_NEWEST = (p: Placeholder, offset: number) =>
  `(SELECT "id" FROM "CapturedRequest" WHERE "binId" = ${p(1)} ORDER BY "id" DESC LIMIT 1 OFFSET ${p(offset)})`;

/** Not yet delivered by auto-forward: flagged at capture, or a forward still queued or being sent. */
const FORWARD_UNDELIVERED = `("forwardPending" OR EXISTS (SELECT 1 FROM "Delivery" d WHERE d."requestId" = "CapturedRequest"."id"
  AND d."kind" = 'forward' AND d."status" IN ('pending', 'sending')))`;

/** Parameters: 1 binId, 2 keep, 3 the lowest forwarder cursor (null: no forwarder). */
export const PRUNE_DELIVERED_SQL = (p: Placeholder) => `DELETE FROM "CapturedRequest" WHERE "binId" = ${p(1)} AND "id" <= ${NTH_NEWEST(p, 2)}
  AND (CAST(${p(3)} AS INTEGER) IS NULL OR "sequence" <= ${p(3)}) AND NOT ${FORWARD_UNDELIVERED}`;

/**
 * `durable: false` lets PostgreSQL commit the chunk without waiting for its WAL to reach the disk: a
 * commit's flush, under a busy disk, made each chunk of a clear last hundreds of ms. A durable commit after
 * them flushes them all (the WAL is written in order). SQLite ignores it.
 */
export type RemoveSelection = { id: string } | { afterId: string | null; throughId: string; limit: number; durable: boolean };

/**
 * Parameters: 1 binId, 2 the id; or 1 binId, 2 after id ('' from the first), 3 through id, 4 limit. The
 * lower bound matters on PostgreSQL: without it each chunk's index scan stepped over the entries of every
 * row the clear had deleted so far (dead until vacuumed), and chunks slowed down as the clear went on.
 */
export const REMOVE_SQL = (p: Placeholder, selection: RemoveSelection) =>
  "id" in selection
    ? `DELETE FROM "CapturedRequest" WHERE "binId" = ${p(1)} AND "id" = ${p(2)} RETURNING "id"`
    : `DELETE FROM "CapturedRequest" WHERE "id" IN (SELECT "id" FROM "CapturedRequest" WHERE "binId" = ${p(1)} AND "id" > ${p(2)} AND "id" <= ${p(3)}
       ORDER BY "id" LIMIT ${p(4)}) RETURNING "id"`;

export const removeParams = (binId: string, selection: RemoveSelection): unknown[] =>
  "id" in selection ? [binId, selection.id] : [binId, selection.afterId ?? "", selection.throughId, selection.limit, selection.durable ? "on" : "off"];

/** The largest of the deleted ids: where the next chunk starts. */
export const lastOf = (ids: { id: string }[]): string | null => ids.reduce<string | null>((last, { id }) => (last === null || id > last ? id : last), null);

/** Parameters: 1 binId, 2 keep + backlog cap: what is past the hard limit, delivered or not. */
export const PAST_CAP_SQL = (p: Placeholder) => `"binId" = ${p(1)} AND "id" <= ${NTH_NEWEST(p, 2)}`;

/** Parameters: 1 binId, 2 keep + cap, 3 lowest cursor: how many past the cap were never delivered. */
export const COUNT_UNDELIVERED_PAST_CAP_SQL = (p: Placeholder) => `SELECT count(*) AS n FROM "CapturedRequest" WHERE ${PAST_CAP_SQL(p)}
  AND ((CAST(${p(3)} AS INTEGER) IS NOT NULL AND "sequence" > ${p(3)}) OR ${FORWARD_UNDELIVERED})`;

/** Parameters: 1 binId, 2 keep + cap: each forwarder counts the captures past the cap it had not delivered. */
export const COUNT_FORWARDER_DROPS_SQL = (p: Placeholder) => `SELECT f."id" AS "forwarderId", count(r."id") AS n FROM "Forwarder" f
  JOIN "CapturedRequest" r ON r."binId" = f."binId" AND r."sequence" > f."cursor" AND r."id" <= ${NTH_NEWEST(p, 2)}
  WHERE f."binId" = ${p(1)} GROUP BY f."id"`;

export const LOWEST_CURSOR_SQL = (p: Placeholder) => `SELECT min("cursor") AS "cursor" FROM "Forwarder" WHERE "binId" = ${p(1)}`;

/** Parameters: 1 binId, 2 forwarder id, 3 after sequence, 4 rows. */
export const TAIL_SIZES_SQL = (p: Placeholder) => `SELECT r."id", r."bodySize" FROM "CapturedRequest" r WHERE r."binId" = ${p(1)} AND r."sequence" > ${p(3)}
  AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."id" = CAST('cli-' AS TEXT) || CAST(${p(2)} AS TEXT) || '-' || r."id") ORDER BY r."sequence" LIMIT ${p(4)}`;

export const TAIL_COLUMNS = `"id", "sequence", "method", "path", "query", "headers", "body", "receivedAt"`;

/**
 * Parameters: 1 key, 2 target, 3 status, 4 lastError, 5 time, 6 requestId, 7 binId, 8 resigned. The request must
 * still exist; its method is copied, its headers are not (nothing reads a CLI delivery's headers, and
 * copying them was a third of what a report cost).
 */
export const INSERT_CLI_DELIVERY_SQL = (
  p: Placeholder,
  emptyBody: string,
) => `INSERT INTO "Delivery" ("id", "binId", "requestId", "kind", "targetUrl", "method", "headers", "body",
  "status", "attempts", "maxAttempts", "lastError", "resigned", "createdAt", "updatedAt")
  SELECT ${p(1)}, r."binId", r."id", 'cli', ${p(2)}, r."method", '[]', ${emptyBody}, ${p(3)}, 1, 1, ${p(4)}, ${p(8)}, ${p(5)}, ${p(5)}
  FROM "CapturedRequest" r WHERE r."id" = ${p(6)} AND r."binId" = ${p(7)}
  ON CONFLICT ("id") DO NOTHING`;

export const ATTEMPT_COLUMNS = [
  "id",
  "deliveryId",
  "number",
  "startedAt",
  "durationMs",
  "outcome",
  "status",
  "responseHeaders",
  "responseBody",
  "responseTruncated",
  "errorCode",
  "errorMessage",
] as const;

export const INSERT_ATTEMPT_SQL = (p: Placeholder) =>
  `INSERT INTO "DeliveryAttempt" (${ATTEMPT_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${ATTEMPT_COLUMNS.map((_, i) => p(i + 1)).join(", ")}) ON CONFLICT ("id") DO NOTHING`;

export function attemptValues(report: ReportRow, time: (at: Date) => unknown, flag: (value: boolean) => unknown): unknown[] {
  return [
    `${report.key}-1`,
    report.key,
    1,
    time(report.startedAt),
    report.durationMs,
    report.outcome,
    report.httpStatus,
    report.responseHeaders,
    report.responseBody,
    flag(report.responseTruncated),
    report.errorCode,
    report.errorMessage,
  ];
}

/** Numbers a batch of captures and reads what answering them needs, with the bin's row locked. */
export const RESERVE_SQL = (p: Placeholder) =>
  `UPDATE "Bin" SET "captureCount" = "captureCount" + ${p(1)} WHERE "id" = ${p(2)}
   RETURNING "captureCount", "settings", "secrets", "maxRequests", "responderUntil", "responderTimeoutMs"`;

/**
 * A stored verdict counts only once the learner has seen the row and only against the type's current
 * schema: a replaced or removed schema's verdicts stay in the rows until the re-check reaches them.
 */
const currentVerdict = (state: ShapeStateSql) => `NOT ${state.shapePending} AND "schemaRef" = (SELECT s."id" || ':' || s."version" FROM "EventSchema" s
  WHERE s."binId" = "CapturedRequest"."binId" AND s."eventType" = "CapturedRequest"."eventType")`;

export const SCHEMA_COLUMNS = `"binId", "eventType", "id", "version", "schema"`;

/** `indexHint` lets a dialect name the index to use (see the SQLite store). */
export const FIRST_DELIVERY_SQL = (p: (n: number) => string, indexHint = "") =>
  `SELECT "id" FROM "CapturedRequest" ${indexHint} WHERE "binId" = ${p(1)} AND "deliveryKey" = ${p(2)} ORDER BY "id" LIMIT 1`;

/** The delivery keys of a batch, each once: what to look up with FIRST_DELIVERY_SQL before marking. */
export function deliveryKeysOf(rows: readonly CapturedRequestRecord[]): string[] {
  return [...new Set(rows.flatMap((record) => (record.deliveryKey === null ? [] : [record.deliveryKey])))];
}

/**
 * The one duplicate rule, for both stores: a row repeats the bin's first stored row with the same
 * delivery key, or else the first row of its own batch with that key and a smaller id.
 */
export function markDuplicates(rows: readonly CapturedRequestRecord[], firstStored: ReadonlyMap<string, string>): void {
  const firstInBatch = new Map<string, string>();
  for (const record of [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (record.deliveryKey === null) continue;
    record.duplicateOf = firstStored.get(record.deliveryKey) ?? firstInBatch.get(record.deliveryKey) ?? null;
    if (!firstInBatch.has(record.deliveryKey)) firstInBatch.set(record.deliveryKey, record.id);
  }
}
