import type { CapturedRequestRecord, RequestSummaryRecord } from "@/lib/queries/requests";

/** The numbers reserved for one bin's captures in a batch, and the bin's state as of that moment. */
export interface BinReservation {
  /** Sequence number of the first row of the group; the rest follow one by one. */
  first: number;
  /** JSON of BinSettings, read in the same transaction: a settings change applies to the next capture. */
  settings: string;
  /** JSON of the bin's secrets, for the trust checks. */
  secrets: string;
  maxRequests: number;
}

export interface CaptureGroup {
  binId: string;
  rows: CapturedRequestRecord[];
}

/** Fills in what depends on the reservation (sequence, trust checks, the answer) before the rows are inserted. */
export type PrepareRows = (reservation: BinReservation, rows: CapturedRequestRecord[]) => void;

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
  from?: Date;
  to?: Date;
  before?: string;
  after?: string;
  limit: number;
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
  /** Keeps the newest `keep` requests of a bin; returns how many older ones were removed. */
  prune(binId: string, keep: number): Promise<number>;
  search(binId: string, search: RequestSearch): Promise<RequestSummaryRecord[]>;
  /** Stored requests per time bucket between `from` and `to` (ms). */
  bucketCounts(binId: string, from: number, to: number, bucketMs: number): Promise<{ bucket: number; n: number }[]>;
  oldestReceivedAt(binId: string): Promise<number | null>;
  close(): Promise<void>;
}

export const SUMMARY_COLUMNS = `"id", "binId", "method", "path", "query", "contentType", "bodySize", "remoteAddress", "receivedAt", "sequence",
  "responseStatus", "responseRule", "verdict", "replaySuspected", "duplicateOf", "authFailure"`;

export const CAPTURE_COLUMNS = [
  "id", "binId", "method", "path", "query", "headers", "contentType", "body", "bodySize", "remoteAddress", "httpVersion",
  "receivedAt", "sequence", "responseStatus", "responseRule", "forwardPending", "verdict", "replaySuspected", "deliveryKey",
  "duplicateOf", "authFailure",
] as const satisfies readonly (keyof CapturedRequestRecord)[];

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
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * The search as SQL. Header matching works on the stored JSON pairs: the name is matched without
 * case, and the value exactly (as part of the JSON pair).
 */
export function searchSql(dialect: SearchDialect, binId: string, search: RequestSearch): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  const where = [`"binId" = ${param(binId)}`];
  if (search.before) where.push(`"id" < ${param(search.before)}`);
  if (search.after) where.push(`"id" > ${param(search.after)}`);
  if (search.method) where.push(`"method" = ${param(search.method.toUpperCase())}`);
  if (search.path !== undefined) {
    if (search.path.endsWith("*")) where.push(`substr("path", 1, ${param(search.path.length - 1)}) = ${param(search.path.slice(0, -1))}`);
    else where.push(`"path" = ${param(search.path)}`);
  }
  if (search.header) {
    const pair = search.headerValue === undefined ? `[${JSON.stringify(search.header)},` : JSON.stringify([search.header, search.headerValue]);
    where.push(`"headers" ${dialect.ilike} ${param(`%${likeEscape(pair)}%`)} ESCAPE '\\'`);
  }
  if (search.bodyContains) where.push(dialect.bodyContains(param(dialect.bytes(search.bodyContains))));
  if (search.from) where.push(`"receivedAt" >= ${param(dialect.time(search.from))}`);
  if (search.to) where.push(`"receivedAt" <= ${param(dialect.time(search.to))}`);
  const sql = `SELECT ${SUMMARY_COLUMNS} FROM "CapturedRequest" WHERE ${where.join(" AND ")} ORDER BY "id" DESC LIMIT ${param(search.limit)}`;
  return { sql, params };
}

export const PRUNE_SQL = (p: (n: number) => string) => `DELETE FROM "CapturedRequest" WHERE "binId" = ${p(1)} AND "id" <= (
  SELECT "id" FROM "CapturedRequest" WHERE "binId" = ${p(1)} ORDER BY "id" DESC LIMIT 1 OFFSET ${p(2)})`;

export const RESERVE_SQL = (p: (n: number) => string) =>
  `UPDATE "Bin" SET "captureCount" = "captureCount" + ${p(1)} WHERE "id" = ${p(2)} RETURNING "captureCount", "settings", "secrets", "maxRequests"`;

export const FIRST_DELIVERY_SQL = (p: (n: number) => string) =>
  `SELECT "id" FROM "CapturedRequest" WHERE "binId" = ${p(1)} AND "deliveryKey" = ${p(2)} ORDER BY "id" LIMIT 1`;
