import type Database from "better-sqlite3";
import {
  byBin,
  eventTypesOf,
  SCHEMA_COLUMNS,
  SHAPE_COLUMNS,
  UPSERT_SHAPE_SQL,
  type LearnRows,
  type RecheckRows,
  type ShapeLearnerStore,
  type ShapeRow,
} from "@/lib/server/queries/hot-store-types";
import type { CaptureLedger, LedgerEntry } from "@/lib/server/queries/sqlite-capture-ledger";
import type { StoredShape } from "@/lib/server/shapes/learn";
import type { StoredSchema } from "@/lib/server/shapes/schemas";

const named = (n: number) => `@p${n}`;
const bind = (params: unknown[]) => Object.fromEntries(params.map((value, i) => [`p${i + 1}`, value]));

type DbShapeRow = Omit<ShapeRow, "receivedAt" | "body"> & { rowid: number; receivedAt: number; body: Buffer | null };

const ROW_COLUMNS = `rowid, "id", "binId", "eventType", "contentType", "body", "receivedAt", "shapeDrift", "shapeChanges", "shapeNote", "schemaResult", "schemaErrors", "schemaRef"`;

const NO_BODY = Buffer.alloc(0) as Buffer<ArrayBuffer>;

const toShapeRow = ({ rowid: _rowid, ...row }: DbShapeRow): ShapeRow => ({
  ...row,
  // Null only for rows a re-check scanned past without reading (sqliteShapeLearner's scanBin).
  body: (row.body ?? NO_BODY) as Buffer<ArrayBuffer>,
  receivedAt: new Date(row.receivedAt),
});

const LEARNED_TO = `(SELECT "learnedTo" FROM "ShapeLearner_watermark")`;

/**
 * Whether a row still waits for the learner. A row that the learner found as before (no drift, no
 * note, no schema verdict: most of them) is not written back: rewriting a captured row cost more than
 * learning its shape. It keeps "shapePending" = 1 and is learnt because the watermark has passed it.
 */
export const SQLITE_SHAPE_PENDING = `("CapturedRequest"."shapePending" = 1 AND "CapturedRequest".rowid > ${LEARNED_TO})`;

/** A row left as captured below the watermark was compared and found as before: its drift is 0 (NULL is stored). */
export const SQLITE_SHAPE_DRIFT = `CASE WHEN "CapturedRequest"."shapePending" = 1 THEN 0 ELSE "CapturedRequest"."shapeDrift" END`;

/** A learnt row the learner left as captured: nothing to write back. */
const asCaptured = (row: ShapeRow) =>
  row.shapeDrift === 0 &&
  row.shapeChanges === null &&
  row.shapeNote === null &&
  row.schemaResult === null &&
  row.schemaErrors === null &&
  row.schemaRef === null;

/**
 * SQLite's side of the learner, on the store's own connection (the one writer). The rows above the
 * watermark ("ShapeLearner_watermark", migration 20261203041700_shape_learner) have not been seen:
 * a batch reads the next rowids by range, learns from the pending ones among them, writes back those
 * with something to record and moves the mark in the same transaction, so the capture path keeps no
 * index for the learner.
 */
export function sqliteShapeLearner(
  database: Database.Database,
  ledger: CaptureLedger,
  /** Runs a write once no other connection of this process is about to hold the write lock. */
  whenUnlocked: <T>(write: () => T) => Promise<T>,
): ShapeLearnerStore {
  const watermark = database.prepare<[], { learnedTo: number }>(`SELECT "learnedTo" FROM "ShapeLearner_watermark"`);
  // One walk of the batch's rows, pending or not: each row fills a page of its own (bodies inline), and
  // walking them once for the batch's end and again for its pending rows cost the learner twice.
  const nextRows = database.prepare<[number, number], DbShapeRow & { shapePending: number }>(
    `SELECT ${ROW_COLUMNS.replace(`"body"`, `NULL AS "body"`)}, "shapePending" FROM "CapturedRequest" WHERE rowid > ? ORDER BY rowid LIMIT ?`,
  );
  const bodyAt = database.prepare<[number], { body: Buffer }>(`SELECT "body" FROM "CapturedRequest" WHERE rowid = ?`);
  const advance = database.prepare(`UPDATE "ShapeLearner_watermark" SET "learnedTo" = ?`);
  const shapeOf = database.prepare<[string, string], Omit<StoredShape, "firstSeenAt" | "lastSeenAt"> & { firstSeenAt: number; lastSeenAt: number }>(
    `SELECT ${SHAPE_COLUMNS} FROM "EventShape" WHERE "binId" = ? AND "eventType" = ?`,
  );
  const upsertShape = database.prepare(UPSERT_SHAPE_SQL(named));
  const schemaOf = database.prepare<[string, string], StoredSchema>(`SELECT ${SCHEMA_COLUMNS} FROM "EventSchema" WHERE "binId" = ? AND "eventType" = ?`);
  const flag = database.prepare(
    `UPDATE "CapturedRequest" SET "shapeDrift" = @p1, "shapeChanges" = @p2, "shapeNote" = @p3, "schemaResult" = @p4, "schemaErrors" = @p5, "schemaRef" = @p6, "shapePending" = 0 WHERE "id" = @p7`,
  );
  const flagRow = (row: ShapeRow) =>
    flag.run(bind([row.shapeDrift, row.shapeChanges, row.shapeNote, row.schemaResult, row.schemaErrors, row.schemaRef, row.id]));

  const binExists = database.prepare<[string], { one: number }>(`SELECT 1 AS one FROM "Bin" WHERE "id" = ?`);
  /** The next rows above the mark as the ledger holds them: nothing is read but the bodies the learner lacks. */
  const fromLedger = (known: LedgerEntry[], bodyKnown: (requestId: string) => boolean): ShapeRow[] => {
    const rows: ShapeRow[] = [];
    for (const { rowid, pending } of known) {
      if (pending === null) continue;
      // A copy: the learner flags it, and a rolled-back batch takes the same entry again.
      if (bodyKnown(pending.id)) rows.push({ ...pending, body: NO_BODY });
      else {
        const stored = bodyAt.get(rowid);
        // Deleted since it was captured: nothing left to learn from.
        if (stored) rows.push({ ...pending, body: stored.body as Buffer<ArrayBuffer> });
      }
    }
    return rows;
  };
  const fromTable = (from: number, limit: number, bodyKnown: (requestId: string) => boolean): { to: number | undefined; rows: ShapeRow[] } => {
    const read = nextRows.all(from, limit);
    const rows = read
      .filter((row) => row.shapePending === 1)
      .map(({ shapePending: _pending, ...row }) => toShapeRow(bodyKnown(row.id) ? row : { ...row, body: bodyAt.get(row.rowid)!.body }));
    return { to: read.at(-1)?.rowid, rows };
  };

  const learnBatch = database.transaction((limit: number, learn: LearnRows, bodyKnown: (requestId: string) => boolean): ShapeRow[] => {
    const from = watermark.get()!.learnedTo;
    const known = ledger.take(from, limit);
    const { to, rows } = known.length > 0 ? { to: known.at(-1)!.rowid, rows: fromLedger(known, bodyKnown) } : fromTable(from, limit, bodyKnown);
    if (to === undefined) return [];
    const learnt: ShapeRow[] = [];
    for (const [binId, own] of byBin(rows)) {
      // The ledger's rows may belong to a bin deleted since (the table's have gone with it).
      if (known.length > 0 && !binExists.get(binId)) continue;
      learnt.push(...own);
      const shapes = new Map<string, StoredShape>();
      const schemas = new Map<string, StoredSchema>();
      for (const type of eventTypesOf(own)) {
        const shape = shapeOf.get(binId, type);
        if (shape) shapes.set(type, { ...shape, firstSeenAt: new Date(shape.firstSeenAt), lastSeenAt: new Date(shape.lastSeenAt) });
        const schema = schemaOf.get(binId, type);
        if (schema) schemas.set(type, schema);
      }
      for (const shape of learn(own, shapes, schemas)) {
        upsertShape.run(bind([binId, shape.eventType, shape.shape, shape.changes, shape.firstSeenAt.getTime(), shape.lastSeenAt.getTime()]));
      }
      for (const row of own) if (!asCaptured(row)) flagRow(row);
    }
    advance.run(to);
    return learnt;
  });

  const nextRecheck = database.prepare<[], StoredSchema & { recheckBefore: string }>(
    `SELECT ${SCHEMA_COLUMNS}, "recheckBefore" FROM "EventSchema" WHERE "recheckBefore" IS NOT NULL LIMIT 1`,
  );
  // Every request of the bin below the cursor, newest first; bodies only of those the re-check will read.
  // Two statements, from the newest or below the cursor: one with an OR would walk the bin from its newest row each time.
  const due = `"eventType" = @p2 AND NOT ${SQLITE_SHAPE_PENDING} AND "schemaRef" IS NOT @p4`;
  const scanSql = (below: string) =>
    `SELECT ${ROW_COLUMNS.replace(`"body"`, `CASE WHEN ${due} THEN "body" END AS "body"`).replace(`"shapeDrift"`, `${SQLITE_SHAPE_DRIFT} AS "shapeDrift"`)},
       ${due} AS "due"
     FROM "CapturedRequest" WHERE "binId" = @p1 ${below} ORDER BY "id" DESC LIMIT @p5`;
  const scanNewest = database.prepare<Record<string, unknown>, DbShapeRow & { due: number }>(scanSql(""));
  const scanBelow = database.prepare<Record<string, unknown>, DbShapeRow & { due: number }>(scanSql(`AND "id" < @p3`));
  const moveCursor = database.prepare(`UPDATE "EventSchema" SET "recheckBefore" = ? WHERE "binId" = ? AND "eventType" = ?`);
  const recheckBatch = database.transaction((scan: number, recheck: RecheckRows): ShapeRow[] | null => {
    const schema = nextRecheck.get();
    if (!schema) return null;
    const params = bind([schema.binId, schema.eventType, schema.recheckBefore, `${schema.id}:${schema.version}`, scan]);
    const scanned = (schema.recheckBefore === "" ? scanNewest : scanBelow).all(params);
    const due = scanned.filter((row) => row.due === 1).map(({ due: _due, ...row }) => toShapeRow(row));
    if (due.length > 0) recheck(due, schema);
    due.forEach(flagRow);
    moveCursor.run(scanned.length < scan ? null : scanned.at(-1)!.id, schema.binId, schema.eventType);
    return due;
  });

  const newest = database.prepare<[], { rowid: number | null }>(`SELECT max(rowid) AS rowid FROM "CapturedRequest"`);
  const countPending = database.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM "CapturedRequest" WHERE rowid > ? AND "shapePending" = 1`);
  const learntAsCaptured = database.prepare<[string], { id: string }>(
    `SELECT "id" FROM "CapturedRequest" WHERE "id" IN (SELECT value FROM json_each(?)) AND "shapePending" = 1 AND NOT ${SQLITE_SHAPE_PENDING}`,
  );
  return {
    learntAsCaptured: async (requestIds) => new Set(learntAsCaptured.all(JSON.stringify(requestIds)).map((row) => row.id)),
    learnBatch: (limit, learn, bodyKnown) => whenUnlocked(() => learnBatch.immediate(limit, learn, bodyKnown)),
    recheckBatch: (scan, recheck) => whenUnlocked(() => recheckBatch.immediate(scan, recheck)),
    pending: async () => {
      const from = watermark.get()!.learnedTo;
      return (newest.get()?.rowid ?? 0) > from ? countPending.get(from)!.n : 0;
    },
  };
}
