import { databaseProvider, sqlitePath } from "@/lib/server/db/client";
import { env } from "@/lib/server/env";
import type {
  CaptureGroup,
  HotStore,
  PrepareRows,
  PruneResult,
  RemoveSelection,
  ReportRow,
  RequestSearch,
  ShapeLearnerStore,
  TailRow,
  Timeline,
} from "@/lib/server/queries/hot-store-types";
import type { SearchIndexer } from "@/lib/server/queries/sqlite-search-index";
import { postgresPool } from "@/lib/server/db/postgres-pool";
import { openPgStore } from "@/lib/server/queries/pg-store";
import { openSqliteStore } from "@/lib/server/queries/sqlite-store";
import type { RequestSummaryRecord } from "@/lib/server/queries/requests";

export type { BinReservation, CaptureGroup, PrepareRows, PruneResult, ReportRow, RequestSearch, TailRow, Timeline } from "@/lib/server/queries/hot-store-types";

const GLOBAL_KEY = Symbol.for("hookscope.hotStore");
type Holder = { [GLOBAL_KEY]?: { url: string; store: HotStore } };

/** The process-wide store for the configured database (on globalThis: Next's bundles share it). */
function store(): HotStore {
  const holder = globalThis as Holder;
  const url = env().DATABASE_URL;
  const current = holder[GLOBAL_KEY];
  if (current && current.url === url) return current.store;
  void current?.store.close();
  const opened =
    databaseProvider(url) === "sqlite" ? openSqliteStore(sqlitePath(url), { learnsShapes: env().EVENT_SHAPES === "on" }) : openPgStore(postgresPool(url));
  holder[GLOBAL_KEY] = { url, store: opened };
  return opened;
}

export function commitCaptureGroups(groups: CaptureGroup[], prepare: PrepareRows) {
  return store().commit(groups, prepare);
}

export function pruneRequests(binId: string, keep: number, backlogCap: number, now: Date = new Date()): Promise<PruneResult> {
  return store().prune(binId, keep, backlogCap, now);
}

/** Deletes requests by hand, counting them in the bin's removedCount (see HotStore.remove). */
export function removeRequests(binId: string, selection: RemoveSelection): Promise<{ removed: number; lastId: string | null }> {
  return store().remove(binId, selection);
}

/** See HotStore.writeRoom. */
export function waitForWriteRoom(): Promise<void> {
  return store().writeRoom();
}

export function tailForForwarder(binId: string, forwarderId: string, afterSequence: number, limits: { rows: number; bytes: number }): Promise<TailRow[]> {
  return store().tail(binId, forwarderId, afterSequence, limits);
}

export function recordForwarderReports(forwarderId: string, cursor: number | null, reports: ReportRow[], now: Date = new Date()): Promise<number> {
  return store().recordReports(forwarderId, cursor, reports, now);
}

/** Summaries of a bin's requests matching the search, newest first, over every stored request. */
export function searchRequests(binId: string, search: RequestSearch): Promise<RequestSummaryRecord[]> {
  return store().search(binId, search);
}

/** Requests per time bucket, for the rate chart. Without bounds: from the bin's oldest stored request to now. */
export async function requestTimeline(binId: string, buckets: number, bounds: { from?: Date; to?: Date }, now: number): Promise<Timeline> {
  const to = bounds.to?.getTime() ?? now;
  const oldest = bounds.from ? null : await store().oldestReceivedAt(binId);
  const from = Math.min(bounds.from?.getTime() ?? oldest ?? to - 60 * 60 * 1000, to - 1);
  const bucketMs = Math.max(1, Math.ceil((to - from) / buckets));
  const counts = new Array<number>(buckets).fill(0);
  for (const { bucket, n } of await store().bucketCounts(binId, from, to, bucketMs)) {
    const index = Math.min(buckets - 1, Math.max(0, Math.floor(bucket)));
    counts[index] = (counts[index] ?? 0) + n;
  }
  return { from, to, bucketMs, counts };
}

/** SQLite's background search indexer (null on PostgreSQL): lets tests hold it back, index a batch or wait for it. */
export function searchIndexer(): SearchIndexer | null {
  return store().searchIndexer;
}

/** The background shape learner's reads and writes (lib/server/shapes/learner.ts). */
export function shapeLearnerStore(): ShapeLearnerStore {
  return store().shapeLearner;
}

export function pingHotStore(): Promise<void> {
  return store().ping();
}

export async function closeHotStore(): Promise<void> {
  const holder = globalThis as Holder;
  const current = holder[GLOBAL_KEY];
  holder[GLOBAL_KEY] = undefined;
  await current?.store.close();
}
