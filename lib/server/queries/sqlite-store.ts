import Database from "better-sqlite3";
import { SQLITE_PRAGMAS } from "@/lib/server/db/client";
import { CHECKPOINT_FALLBACK_PAGES, startCheckpointer, type Checkpointer, type CheckpointReport } from "@/lib/server/queries/sqlite-checkpointer";
import { startSearchIndexer, WATERMARK_SQL } from "@/lib/server/queries/sqlite-search-index";
import { errorMessage } from "@/lib/shared/errors";
import { bodyTextColumn, headersColumn, type CapturedRequestRecord, type RequestSummaryRecord } from "@/lib/server/queries/requests";
import {
  CAPTURE_COLUMNS,
  INSERT_COLUMNS,
  COUNT_FORWARDER_DROPS_SQL,
  COUNT_UNDELIVERED_PAST_CAP_SQL,
  FIRST_DELIVERY_SQL,
  deliveryKeysOf,
  markDuplicates,
  INSERT_ATTEMPT_SQL,
  INSERT_CLI_DELIVERY_SQL,
  LOWEST_CURSOR_SQL,
  PAST_CAP_SQL,
  PRUNE_DELIVERED_SQL,
  REMOVE_SQL,
  lastOf,
  removeParams,
  RESERVE_SQL,
  TAIL_COLUMNS,
  TAIL_SIZES_SQL,
  attemptValues,
  searchSql,
  type BinReservation,
  type CaptureGroup,
  type HotStore,
  type PrepareRows,
  type RemoveSelection,
  type ReportRow,
  type RequestSearch,
  type Narrowing,
  type SearchDialect,
  type TailRow,
} from "@/lib/server/queries/hot-store-types";
import { parseHeaderPairs } from "@/lib/shared/headers";
import { captureLedger } from "@/lib/server/queries/sqlite-capture-ledger";
import { sqliteShapeLearner, SQLITE_SHAPE_DRIFT, SQLITE_SHAPE_PENDING } from "@/lib/server/queries/sqlite-shape-learner";

const named = (n: number) => `@p${n}`;
const bind = (params: unknown[]) => Object.fromEntries(params.map((value, i) => [`p${i + 1}`, value]));
/** WAL frames a clear's chunk may leave uncopied (held back by a reader) before the next chunk waits. */
const CLEAR_UNCOPIED_FRAMES = 512;

type ReserveRow = {
  captureCount: number;
  settings: string;
  secrets: string;
  maxRequests: number;
  responderUntil: number | null;
  responderTimeoutMs: number;
};
type TailDbRow = Omit<TailRow, "receivedAt" | "headers"> & { receivedAt: number; headers: string };
type SummaryRow = Omit<RequestSummaryRecord, "receivedAt" | "replaySuspected" | "plainHttp" | "shapePending"> & {
  receivedAt: number;
  replaySuspected: number;
  plainHttp: number;
  shapePending: number;
};

/** How SQLite stores the columns whose JS value it cannot bind as it is. */
const SQLITE_VALUES: Partial<Record<(typeof CAPTURE_COLUMNS)[number], (record: CapturedRequestRecord) => unknown>> = {
  headers: headersColumn,
  body: (record) => Buffer.from(record.body.buffer, record.body.byteOffset, record.body.byteLength),
  receivedAt: (record) => record.receivedAt.getTime(),
  forwardPending: (record) => (record.forwardPending ? 1 : 0),
  replaySuspected: (record) => (record.replaySuspected ? 1 : 0),
  plainHttp: (record) => (record.plainHttp ? 1 : 0),
  shapePending: (record) => (record.shapePending ? 1 : 0),
};

/** An FTS5 phrase: the text as one quoted string, which the trigram tokenizer matches as a substring (any case). */
function ftsPhrase(column: "headers" | "bodyText", text: string): string {
  return `{${column}} : "${text.replaceAll('"', '""')}"`;
}

const FTS_ROWIDS = `SELECT rowid FROM "CapturedRequestSearch" WHERE "CapturedRequestSearch" MATCH`;
/** The rows the background indexer has not reached yet (sqlite-search-index.ts): every search scans them. */
const UNINDEXED_TAIL = `"CapturedRequest".rowid > (${WATERMARK_SQL})`;
const UNINDEXED_BODIES = `SELECT rowid FROM "CapturedRequest" INDEXED BY "CapturedRequest_binId_unindexed_body_idx" WHERE "binId" = ? AND ("bodyText" IS NULL) = 1`;
const PATH_RANGE = `SELECT 1 FROM "CapturedRequest" INDEXED BY "CapturedRequest_binId_path_idx" WHERE "binId" = ? AND "path" >= ?`;

/**
 * The most rows an index may hand over for sorting. SQLite has no statistics to choose between the
 * index and the bin's rows newest first, so the store counts (up to this) what the index would keep:
 * past it the search reads the bin newest first and stops at a full page, which is quick when that
 * many rows match. At 10,000, the sort costs a few milliseconds; a scan that stops after 51 matches
 * reads fewer rows than that whenever more than 1 row in 200 of a bin matches.
 */
const MOST_CANDIDATES = 10_000;

/**
 * Search in SQLite: the FTS5 trigram table "CapturedRequestSearch" (see its migration) gives the rowids
 * whose headers or body text contain the term; for the body, the bin's rows without text (binary bodies,
 * rows older than the index) are added through their index, to be checked byte by byte. The rows above
 * the indexer's watermark are added by their rowid range, so a lagging index never drops a match.
 */
export function sqliteSearch(database: Database.Database): SearchDialect {
  const count = (sql: string) => database.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM (${sql} LIMIT ${MOST_CANDIDATES})`);
  const countFts = count(`${FTS_ROWIDS} ?`);
  const countUnindexed = count(UNINDEXED_BODIES);
  const countPath = count(PATH_RANGE);
  const countPathBelow = count(`${PATH_RANGE} AND "path" < ?`);
  const countTail = count(`SELECT 1 FROM "CapturedRequest" WHERE ${UNINDEXED_TAIL}`);
  const kept = (narrowing: Narrowing): number => {
    switch (narrowing.kind) {
      case "headers":
        return countFts.get(ftsPhrase("headers", narrowing.text))!.n + countTail.get()!.n;
      case "body":
        return countFts.get(ftsPhrase("bodyText", narrowing.text))!.n + countUnindexed.get(narrowing.binId)!.n + countTail.get()!.n;
      case "path":
        return narrowing.below === null
          ? countPath.get(narrowing.binId, narrowing.from)!.n
          : countPathBelow.get(narrowing.binId, narrowing.from, narrowing.below)!.n;
    }
  };
  return {
    placeholder: named,
    ilike: "LIKE",
    bodyContains: (p) => `instr("body", ${p}) > 0`,
    time: (at) => at.getTime(),
    bytes: (text) => Buffer.from(text),
    bytewisePath: `"path"`,
    headerCandidates: (param, text) => `("CapturedRequest".rowid IN (${FTS_ROWIDS} ${param(ftsPhrase("headers", text))}) OR ${UNINDEXED_TAIL})`,
    bodyCandidates: (param, binIdParam, text) =>
      `("CapturedRequest".rowid IN (${FTS_ROWIDS} ${param(ftsPhrase("bodyText", text))} UNION ALL ${UNINDEXED_BODIES.replace("?", binIdParam)}) OR ${UNINDEXED_TAIL})`,
    // Without statistics SQLite would rather walk the bin's (binId, id) index in order and test each rowid
    // against the candidates: every entry of the bin. NOT INDEXED leaves it the rowid lookups of the candidates.
    narrowedTable: `"CapturedRequest" NOT INDEXED`,
    shapeState: { shapeDrift: SQLITE_SHAPE_DRIFT, shapePending: SQLITE_SHAPE_PENDING },
    worthNarrowing: (narrowing) => kept(narrowing) < MOST_CANDIDATES,
  };
}

/** The insert's parameters in column order: positional, so no object is built to be looked up by name. */
function insertValues(record: CapturedRequestRecord): unknown[] {
  const values = CAPTURE_COLUMNS.map((column) => {
    const convert = SQLITE_VALUES[column];
    return convert ? convert(record) : record[column];
  });
  values.push(bodyTextColumn(record));
  return values;
}

/**
 * SQLite through its own better-sqlite3 connection. The transaction is synchronous, so "number the
 * captures, insert them" is one atomic step that nothing else in the process can interleave with.
 */
export function openSqliteStore(
  file: string,
  options: {
    onCheckpoint?: (report: CheckpointReport) => void;
    /** Shapes are learnt (EVENT_SHAPES=on): committed rows go to the learner's ledger. Otherwise nothing would read it. */
    learnsShapes?: boolean;
  } = {},
): HotStore {
  const database = new Database(file);
  for (const pragma of SQLITE_PRAGMAS) database.pragma(pragma);
  let checkpointer: Checkpointer | null = null;
  try {
    checkpointer = startCheckpointer(file, options.onCheckpoint);
    // Checkpoints run on their own thread (sqlite-checkpointer.ts); this is only the fallback.
    database.pragma(`wal_autocheckpoint = ${CHECKPOINT_FALLBACK_PAGES}`);
  } catch (error) {
    // An optimisation, never a reason not to capture: SQLite's own checkpoints in the commit remain.
    console.error("sqlite: no checkpoint thread (the capture connection checkpoints itself):", errorMessage(error));
  }
  /** Runs a write once the checkpoint thread's lock is free, waiting with the event loop free (Checkpointer.writeLockReleased). */
  const whenUnlocked = async <T>(write: () => T): Promise<T> => {
    const held = checkpointer?.writeLockReleased();
    if (held) await held;
    return write();
  };
  const searchDialect = sqliteSearch(database);
  const searchIndexer = startSearchIndexer(database, () => checkpointer?.writeLockReleased() ?? null);
  const insert = database.prepare(
    `INSERT INTO "CapturedRequest" (${INSERT_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${INSERT_COLUMNS.map(() => "?").join(", ")})`,
  );
  const reserve = database.prepare<Record<string, unknown>, ReserveRow>(RESERVE_SQL(named));
  // Without statistics SQLite walks the (binId, id) index for the ORDER BY, reading every row of the
  // bin when the key is new (most signed captures): measured 8 ms per capture on a bin of 20,000.
  const firstDelivery = database.prepare<Record<string, unknown>, { id: string }>(
    FIRST_DELIVERY_SQL(named, `INDEXED BY "CapturedRequest_binId_deliveryKey_idx"`),
  );
  const lowestCursor = database.prepare<Record<string, unknown>, { cursor: number | null }>(LOWEST_CURSOR_SQL(named));
  const countUndeliveredPastCap = database.prepare<Record<string, unknown>, { n: number }>(COUNT_UNDELIVERED_PAST_CAP_SQL(named));
  const countForwarderDrops = database.prepare<Record<string, unknown>, { forwarderId: string; n: number }>(COUNT_FORWARDER_DROPS_SQL(named));
  const addForwarderDrops = database.prepare(`UPDATE "Forwarder" SET "dropped" = "dropped" + @n, "droppedAt" = @now WHERE "id" = @id`);
  const addBinDrops = database.prepare(`UPDATE "Bin" SET "undeliveredDropped" = "undeliveredDropped" + @n, "undeliveredDroppedAt" = @now WHERE "id" = @id`);
  const addPruned = database.prepare(`UPDATE "Bin" SET "prunedCount" = "prunedCount" + @n WHERE "id" = @id`);
  const deletePastCap = database.prepare(`DELETE FROM "CapturedRequest" WHERE ${PAST_CAP_SQL(named)}`);
  const pruneDelivered = database.prepare(PRUNE_DELIVERED_SQL(named));
  const prune = database.transaction((binId: string, keep: number, backlogCap: number, now: Date) => {
    const lowest = lowestCursor.get(bind([binId]))?.cursor ?? null;
    let removed = 0;
    const undelivered = countUndeliveredPastCap.get(bind([binId, keep + backlogCap, lowest]))?.n ?? 0;
    if (undelivered > 0) {
      for (const { forwarderId, n } of countForwarderDrops.all(bind([binId, keep + backlogCap]))) {
        if (n > 0) addForwarderDrops.run({ n, now: now.getTime(), id: forwarderId });
      }
      addBinDrops.run({ n: undelivered, now: now.getTime(), id: binId });
      removed += deletePastCap.run(bind([binId, keep + backlogCap])).changes;
    }
    removed += pruneDelivered.run(bind([binId, keep, lowest])).changes;
    if (removed > 0) addPruned.run({ n: removed, id: binId });
    return { removed, undelivered };
  });
  const removeOne = database.prepare<Record<string, unknown>, { id: string }>(REMOVE_SQL(named, { id: "" }));
  const removeChunk = database.prepare<Record<string, unknown>, { id: string }>(REMOVE_SQL(named, { afterId: null, throughId: "", limit: 0, durable: true }));
  const addRemoved = database.prepare(`UPDATE "Bin" SET "removedCount" = "removedCount" + @n WHERE "id" = @id`);
  const remove = database.transaction((binId: string, selection: RemoveSelection) => {
    // The chunk's fifth parameter (durability) is PostgreSQL's alone.
    const gone = ("id" in selection ? removeOne : removeChunk).all(bind(removeParams(binId, selection).slice(0, "id" in selection ? 2 : 4)));
    if (gone.length > 0) addRemoved.run({ n: gone.length, id: binId });
    return { removed: gone.length, lastId: lastOf(gone) };
  });
  const tailSizes = database.prepare<Record<string, unknown>, { id: string; bodySize: number }>(TAIL_SIZES_SQL(named));
  const insertCliDelivery = database.prepare(INSERT_CLI_DELIVERY_SQL(named, "x''"));
  const insertAttempt = database.prepare(INSERT_ATTEMPT_SQL(named));
  const advanceCursor = database.prepare(`UPDATE "Forwarder" SET "cursor" = max("cursor", coalesce(@p1, "cursor")), "lastSeenAt" = @p2 WHERE "id" = @p3`);
  const recordReports = database.transaction((forwarderId: string, cursor: number | null, reports: ReportRow[], now: Date) => {
    let stored = 0;
    for (const report of reports) {
      const inserted = insertCliDelivery.run(
        bind([report.key, report.targetUrl, report.status, report.lastError, now.getTime(), report.requestId, report.binId, report.resigned]),
      );
      if (inserted.changes === 0) continue;
      insertAttempt.run(
        bind(
          attemptValues(
            report,
            (at) => at.getTime(),
            (value) => (value ? 1 : 0),
          ),
        ),
      );
      stored++;
    }
    advanceCursor.run(bind([cursor, now.getTime(), forwarderId]));
    return stored;
  });
  const ledger = captureLedger();
  const commitGroups = database.transaction((groups: CaptureGroup[], prepare: PrepareRows) => {
    const inserted: { rowid: number; record: CapturedRequestRecord }[] = [];
    const reservations = groups.map(({ binId, rows }): BinReservation | null => {
      const row = reserve.get(bind([rows.length, binId]));
      if (!row) return null;
      const reservation: BinReservation = {
        first: row.captureCount - rows.length + 1,
        settings: row.settings,
        secrets: row.secrets,
        maxRequests: row.maxRequests,
        responderUntil: row.responderUntil,
        responderTimeoutMs: row.responderTimeoutMs,
      };
      prepare(reservation, rows);
      const firstStored = new Map<string, string>();
      for (const key of deliveryKeysOf(rows)) {
        const id = firstDelivery.get(bind([binId, key]))?.id;
        if (id) firstStored.set(key, id);
      }
      markDuplicates(rows, firstStored);
      for (const record of rows) inserted.push({ rowid: Number(insert.run(insertValues(record)).lastInsertRowid), record });
      return reservation;
    });
    return { reservations, inserted };
  });
  const commit = async (groups: CaptureGroup[], prepare: PrepareRows) => {
    const { reservations, inserted } = await whenUnlocked(() => commitGroups.immediate(groups, prepare));
    // Only once committed: a rolled-back transaction's rowids are handed out again.
    if (options.learnsShapes) ledger.committed(inserted);
    return reservations;
  };
  return {
    commit,
    prune: (binId, keep, backlogCap, now) => whenUnlocked(() => prune.immediate(binId, keep, backlogCap, now)),
    remove: (binId, selection) => whenUnlocked(() => remove.immediate(binId, selection)),
    tail: async (binId, forwarderId, afterSequence, limits) => {
      const ids: string[] = [];
      let bytes = 0;
      // Always at least one row, however large: the byte budget bounds a batch, not a body.
      for (const row of tailSizes.iterate(bind([binId, forwarderId, afterSequence, limits.rows]))) {
        if (ids.length > 0 && bytes + row.bodySize > limits.bytes) break;
        ids.push(row.id);
        bytes += row.bodySize;
      }
      if (ids.length === 0) return [];
      const rows = database
        .prepare<string[], TailDbRow>(`SELECT ${TAIL_COLUMNS} FROM "CapturedRequest" WHERE "id" IN (${ids.map(() => "?").join(", ")}) ORDER BY "sequence"`)
        .all(...ids);
      return rows.map((row) => ({ ...row, headers: parseHeaderPairs(row.headers), receivedAt: new Date(row.receivedAt) }));
    },
    recordReports: (forwarderId, cursor, reports, now) => whenUnlocked(() => recordReports.immediate(forwarderId, cursor, reports, now)),
    search: async (binId: string, search: RequestSearch) => {
      const { sql, params } = searchSql(searchDialect, binId, search);
      const rows = database.prepare<Record<string, unknown>, SummaryRow>(sql).all(bind(params));
      return rows.map((row) => ({
        ...row,
        receivedAt: new Date(row.receivedAt),
        replaySuspected: row.replaySuspected === 1,
        plainHttp: row.plainHttp === 1,
        shapePending: row.shapePending === 1,
      }));
    },
    bucketCounts: async (binId, from, to, bucketMs) =>
      database
        .prepare<Record<string, unknown>, { bucket: number; n: number }>(
          `SELECT ("receivedAt" - @p1) / @p2 AS bucket, count(*) AS n FROM "CapturedRequest"
           WHERE "binId" = @p3 AND "receivedAt" >= @p1 AND "receivedAt" <= @p4 GROUP BY bucket`,
        )
        .all(bind([from, bucketMs, binId, to])),
    oldestReceivedAt: async (binId) =>
      database.prepare<[string], { at: number | null }>(`SELECT min("receivedAt") AS at FROM "CapturedRequest" WHERE "binId" = ?`).get(binId)?.at ?? null,
    ping: async () => {
      database.prepare("SELECT 1").get();
    },
    // A reader may hold back a few frames of the last chunk; more than that and the chunk waits for it.
    writeRoom: () => checkpointer?.caughtUp(CLEAR_UNCOPIED_FRAMES) ?? Promise.resolve(),
    searchIndexer,
    shapeLearner: sqliteShapeLearner(database, ledger, whenUnlocked),
    close: async () => {
      searchIndexer.stop();
      await checkpointer?.stop();
      database.close();
    },
  };
}
