import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { errorMessage } from "@/lib/shared/errors";
import { metrics } from "@/lib/server/metrics";
import { loopLoad } from "@/lib/server/loop-load";

/**
 * The SQLite search index kept behind the captures. A capture only inserts its row; this indexer copies
 * the rows above the watermark ("CapturedRequestSearch_watermark", see the 20261203016000_search_index
 * migration) into the FTS5 table and moves the mark in the same transaction, a batch at a time on the
 * store's own connection (the one writer; a second connection would hold the write lock just as long).
 * Searches read the index for the rows up to the mark and scan the rows above it, so an index that lags
 * changes how fast a search is, never what it answers.
 */

/**
 * The most rows per transaction. Indexing a row costs 30 to 150 us on this project's 2-core machine (headers
 * and a Stripe-like body, more as the index grows and FTS5 merges its segments): 250 rows held the event
 * loop, and so every capture and live event, for 10 to 40 ms at a time.
 */
export const INDEX_BATCH_ROWS = 250;
/**
 * Main-thread time one transaction should take. The batch size follows the measured cost per row so that a
 * batch ends near this, whatever the rows and the index's size: a capture waits at most about this long
 * behind the indexer.
 */
const SLICE_MS = 3;
/** Rows in the first batch, before any cost is measured. */
const FIRST_BATCH_ROWS = 16;
/** Pages asked of the first merge step, before any cost is measured, and the most asked of one. */
const FIRST_MERGE_PAGES = 4;
const MOST_MERGE_PAGES = 256;
/** How often the indexer looks at the tail. Captured rows wait about this long to be indexed while the server is quiet. */
const TICK_MS = 100;
/** Main-thread time one tick may spend indexing, one batch after another with the event loop free in between. */
const TICK_BUDGET_MS = 50;
/**
 * While the main thread had next to nothing else to do, a tick may take nearly all of its 100 ms: each
 * step still lasts about SLICE_MS, so a capture that arrives waits no longer, and a backlog (a burst, a
 * restart, an upgrade that rebuilds the index) is indexed almost twice as fast.
 */
const IDLE_UTILIZATION = 0.1;
const IDLE_TICK_BUDGET_MS = 90;
/**
 * Above this share of busy time on the main thread since the last tick (the indexer's own time left out),
 * the indexer waits: under full capture load it would take its time from the captures. The tail it
 * leaves is scanned by searches and indexed once the load drops.
 */
const BUSY_UTILIZATION = 0.5;

export const WATERMARK_SQL = `SELECT "indexedTo" FROM "CapturedRequestSearch_watermark"`;

export interface SearchIndexer {
  /** Indexes one batch now; returns how many rows it indexed (0: caught up). */
  indexBatch(rows?: number): number;
  /** How far the newest rowid is above the watermark, whatever the bin: the rows not indexed yet, plus any gaps deletions left. */
  unindexed(): number;
  /** Resolves once every row stored when it is called is indexed (the indexer must be running). */
  caughtUp(): Promise<void>;
  /** Stops indexing in the background (searches stay exact, scanning the tail); resume() starts it again. */
  pause(): void;
  resume(): void;
  stop(): void;
}

export function startSearchIndexer(
  database: Database.Database,
  /** Null, or resolves once another connection of this process has let go of the write lock (Checkpointer.writeLockReleased). */
  writeLockReleased: () => Promise<void> | null = () => null,
): SearchIndexer {
  const watermark = database.prepare<[], { indexedTo: number }>(WATERMARK_SQL);
  const newest = database.prepare<[], { rowid: number | null }>(`SELECT max(rowid) AS rowid FROM "CapturedRequest"`);
  const batchEnd = database.prepare<[number, number], { rowid: number | null }>(
    `SELECT max(rowid) AS rowid FROM (SELECT rowid FROM "CapturedRequest" WHERE rowid > ? ORDER BY rowid LIMIT ?)`,
  );
  const copy = database.prepare(
    `INSERT INTO "CapturedRequestSearch"(rowid, "headers", "bodyText") SELECT rowid, "headers", "bodyText" FROM "CapturedRequest" WHERE rowid > ? AND rowid <= ?`,
  );
  const advance = database.prepare(`UPDATE "CapturedRequestSearch_watermark" SET "indexedTo" = ?`);
  const batch = database.transaction((rows: number): number => {
    const from = watermark.get()!.indexedTo;
    const to = batchEnd.get(from, rows)?.rowid ?? null;
    if (to === null) return 0;
    const { changes } = copy.run(from, to);
    advance.run(to);
    return changes;
  });
  // FTS5 merges its segments inside the writes by default, and a write that happens to carry a merge held
  // the event loop 40 to 300 ms (measured with batches of 8 to 250 rows on a 2-core machine under load).
  // The indexer merges instead, a few pages per transaction ("merge" with a positive N: only levels that hold
  // usermerge segments, 4 by default). Stored in the table's configuration; setting it again is a no-op.
  // crisismerge stays: past 16 segments on a level a write still merges them, should these steps fall behind.
  // (CAST: FTS5 takes only an integer, and better-sqlite3 binds a JS number as a real.)
  const command = database.prepare<[string, number]>(`INSERT INTO "CapturedRequestSearch"("CapturedRequestSearch", rank) VALUES (?, CAST(? AS INTEGER))`);
  command.run("automerge", 0);
  // A merge step is bounded by the pages it writes, and a segment whose rows were all deleted writes none:
  // after a clear of 1,000,000 rows, the step that FTS5 began on a level past deletemerge's share of
  // deleted rows (10 % by default) read and freed the whole segment at once, 228,119 pages holding the
  // event loop 6.4 to 9.7 s. Deleted rows' entries now leave the index only when their level merges
  // because it has usermerge segments, with live entries to write beside them; until then they take disk.
  command.run("deletemerge", 0);
  const totalChanges = database.prepare<[], number>(`SELECT total_changes()`).pluck();
  /** One merge step of at most about `pages` pages; returns the pages written (FTS5 counts each as a change). */
  const merge = database.transaction((pages: number): number => {
    const before = totalChanges.get()!;
    command.run("merge", pages);
    return totalChanges.get()! - before;
  });
  const unindexed = () => Math.max(0, (newest.get()?.rowid ?? 0) - watermark.get()!.indexedTo);

  let paused = false;
  let stopped = false;
  let lastError: string | null = null;
  let waiters: { target: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  const load = loopLoad();
  const settle = () => {
    if (waiters.length === 0) return;
    const indexedTo = watermark.get()!.indexedTo;
    const newestRow = newest.get()?.rowid ?? 0;
    // The mark comes down with deletions of the newest rows: a waiter's target may no longer exist.
    const ready = waiters.filter((waiter) => indexedTo >= Math.min(waiter.target, newestRow));
    waiters = waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve();
    // Only a caller waiting keeps the process alive for the indexer.
    if (waiters.length === 0) timer.unref();
  };
  let running = false;
  // Smoothed cost of a row in ms: one slow batch (a segment merge) halves the next, not every later one.
  let msPerRow = SLICE_MS / FIRST_BATCH_ROWS;
  const batchRows = () => Math.max(1, Math.min(INDEX_BATCH_ROWS, Math.floor(SLICE_MS / msPerRow)));
  let msPerPage = SLICE_MS / FIRST_MERGE_PAGES;
  const mergePages = () => Math.max(1, Math.min(MOST_MERGE_PAGES, Math.floor(SLICE_MS / msPerPage)));
  // Deletions leave tombstones in the segments (contentless_delete, 20261203042000_search_contentless), which
  // merge steps clear away: look for merge work once at start too.
  let mergeDue = true;
  // Whether the last batch found rows: a merge step that finds nothing to merge must not end the tick while
  // the tail is still being indexed (it did, and a backlog was indexed one batch per tick, ~150 rows/s).
  let tailLeft = true;
  /**
   * Steps until the tick's budget is spent or the tail is indexed and merged, yielding to the event loop
   * between them: a merge step after each batch while merging has work, a batch otherwise.
   */
  const run = (started: number, budgetMs: number) => {
    if (stopped) return;
    const held = writeLockReleased();
    if (held) {
      void held.then(() => {
        if (paused) running = false;
        else run(started, budgetMs);
      });
      return;
    }
    const before = performance.now();
    const cpuBefore = process.cpuUsage();
    let indexed = 0;
    let merged = 0;
    let pages = 0;
    let failed = false;
    try {
      if (mergeDue) {
        pages = mergePages();
        merged = merge.immediate(pages);
        // Fewer than 2 pages: no level holds enough segments to merge (SQLite's documented test).
        if (merged < 2) mergeDue = false;
      } else {
        indexed = batch.immediate(batchRows());
        tailLeft = indexed > 0;
        if (indexed > 0) mergeDue = true;
      }
      lastError = null;
    } catch (error) {
      // Another connection's long write (SQLITE_BUSY), a full disk: searches stay exact, the next tick tries again.
      const message = errorMessage(error);
      if (message !== lastError) console.error("sqlite: search indexing failed (searches scan the unindexed rows meanwhile):", message);
      lastError = message;
      failed = true;
    }
    const now = performance.now();
    load.spent(now - before);
    // Sized by CPU time, not wall time: on a loaded machine the process is descheduled in the middle of a
    // step, and wall time shrank the batches to a few rows each, whose per-transaction cost then dominated
    // (35,000 rows took 84 s to index at load 6 to 9).
    const cpu = process.cpuUsage(cpuBefore);
    const spent = (cpu.user + cpu.system) / 1000;
    metrics().searchIndexerSeconds.inc(spent / 1000);
    if (indexed > 0) msPerRow = (msPerRow + spent / indexed) / 2;
    // Per page asked for: a step writes a few times as many as it is given.
    if (merged >= 2) msPerPage = (msPerPage + spent / pages) / 2;
    settle();
    if ((tailLeft || mergeDue) && !failed && !paused && !stopped && now - started < budgetMs) setImmediate(run, started, budgetMs);
    else running = false;
  };
  const tick = () => {
    const others = load.othersShare();
    if (paused || running) return;
    if (others > BUSY_UTILIZATION && waiters.length === 0) return;
    running = true;
    run(performance.now(), others < IDLE_UTILIZATION ? IDLE_TICK_BUDGET_MS : TICK_BUDGET_MS);
  };
  const timer = setInterval(tick, TICK_MS);
  timer.unref();

  return {
    indexBatch: (rows = INDEX_BATCH_ROWS) => batch.immediate(rows),
    unindexed,
    caughtUp: () =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ target: newest.get()?.rowid ?? 0, resolve, reject });
        timer.ref();
        settle();
      }),
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
    },
    stop: () => {
      stopped = true;
      clearInterval(timer);
      for (const waiter of waiters) waiter.reject(new Error("The search indexer stopped before it caught up."));
      waiters = [];
    },
  };
}
