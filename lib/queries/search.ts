import type { RequestSummaryRecord } from "@/lib/queries/requests";
import { sqliteConnection } from "@/lib/queries/capture-store";

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

const SUMMARY_COLUMNS = `"id", "binId", "method", "path", "query", "contentType", "bodySize", "remoteAddress", "receivedAt", "sequence",
  "responseStatus", "responseRule", "verdict", "replaySuspected", "duplicateOf", "authFailure"`;

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

type Row = Omit<RequestSummaryRecord, "receivedAt" | "replaySuspected"> & { receivedAt: number; replaySuspected: number };

/**
 * Summaries of a bin's requests matching the search, newest first. Runs in SQL over every stored
 * request, not only a loaded page. Header matching works on the stored JSON pairs, so it is
 * case-insensitive for the name (SQLite's LIKE folds ASCII) and exact for the value.
 */
export function searchRequests(binId: string, search: RequestSearch): RequestSummaryRecord[] {
  const where: string[] = [`"binId" = ?`];
  const params: unknown[] = [binId];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (search.before) add(`"id" < ?`, search.before);
  if (search.after) add(`"id" > ?`, search.after);
  if (search.method) add(`"method" = ?`, search.method.toUpperCase());
  if (search.path !== undefined) {
    if (search.path.endsWith("*")) add(`substr("path", 1, ?) = ?`, search.path.length - 1, search.path.slice(0, -1));
    else add(`"path" = ?`, search.path);
  }
  if (search.header) {
    const pair = search.headerValue === undefined ? `[${JSON.stringify(search.header)},` : JSON.stringify([search.header, search.headerValue]);
    add(`"headers" LIKE ? ESCAPE '\\'`, `%${likeEscape(pair)}%`);
  }
  if (search.bodyContains) add(`instr("body", ?) > 0`, Buffer.from(search.bodyContains));
  if (search.from) add(`"receivedAt" >= ?`, search.from.getTime());
  if (search.to) add(`"receivedAt" <= ?`, search.to.getTime());
  const sql = `SELECT ${SUMMARY_COLUMNS} FROM "CapturedRequest" WHERE ${where.join(" AND ")} ORDER BY "id" DESC LIMIT ?`;
  const rows = sqliteConnection().prepare<unknown[], Row>(sql).all(...params, search.limit);
  return rows.map((row) => ({ ...row, receivedAt: new Date(row.receivedAt), replaySuspected: row.replaySuspected === 1 }));
}

export interface Timeline {
  from: number;
  to: number;
  bucketMs: number;
  counts: number[];
}

/** Requests per time bucket, for the rate chart. Without bounds: from the bin's oldest stored request to now. */
export function requestTimeline(binId: string, buckets: number, bounds: { from?: Date; to?: Date }, now: number): Timeline {
  const database = sqliteConnection();
  const oldest = database.prepare<[string], { at: number | null }>(`SELECT min("receivedAt") AS at FROM "CapturedRequest" WHERE "binId" = ?`).get(binId)?.at;
  const to = bounds.to?.getTime() ?? now;
  const from = Math.min(bounds.from?.getTime() ?? oldest ?? to - 60 * 60 * 1000, to - 1);
  const bucketMs = Math.max(1, Math.ceil((to - from) / buckets));
  const counts = new Array<number>(buckets).fill(0);
  const rows = database
    .prepare<[number, number, string, number, number], { bucket: number; n: number }>(
      `SELECT ("receivedAt" - ?) / ? AS bucket, count(*) AS n FROM "CapturedRequest"
       WHERE "binId" = ? AND "receivedAt" >= ? AND "receivedAt" <= ? GROUP BY bucket`,
    )
    .all(from, bucketMs, binId, from, to);
  for (const { bucket, n } of rows) {
    const index = Math.min(buckets - 1, Math.max(0, Math.floor(bucket)));
    counts[index] = (counts[index] ?? 0) + n;
  }
  return { from, to, bucketMs, counts };
}
