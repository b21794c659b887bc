import type pg from "pg";
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
import type { StoredShape } from "@/lib/server/shapes/learn";
import type { StoredSchema } from "@/lib/server/shapes/schemas";
import { inPgTransaction } from "@/lib/server/db/postgres-pool";

const positional = (n: number) => `$${n}`;

/** Above every request id (22 characters of 0-9a-z) in any collation: longer, and starting with the highest of them. */
const HIGHER_THAN_ANY_ID = "zzzzzzzzzzzzzzzzzzzzzzz";

const ROW_COLUMNS = `"id", "binId", "eventType", "contentType", "body", "receivedAt", "shapeDrift", "shapeChanges", "shapeNote", "schemaResult", "schemaErrors", "schemaRef"`;

/** Every row's flags in one statement (a round trip per row would make a batch of 250 cost 250 of them). */
const FLAG_SQL = `UPDATE "CapturedRequest" r SET "shapeDrift" = u.d, "shapeChanges" = u.c, "shapeNote" = u.n, "schemaResult" = u.sr,
  "schemaErrors" = u.se, "schemaRef" = u.ref, "shapePending" = false
  FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(id, d, c, n, sr, se, ref) WHERE r."id" = u.id`;

function flagParams(rows: ShapeRow[]): unknown[] {
  return [
    rows.map((r) => r.id),
    rows.map((r) => r.shapeDrift),
    rows.map((r) => r.shapeChanges),
    rows.map((r) => r.shapeNote),
    rows.map((r) => r.schemaResult),
    rows.map((r) => r.schemaErrors),
    rows.map((r) => r.schemaRef),
  ];
}

/**
 * PostgreSQL's side of the learner. Pending rows are found through a partial index that holds only them
 * and taken with FOR UPDATE SKIP LOCKED; each bin's shapes are read and written under a transaction-scoped
 * advisory lock on the bin, so two instances never learn one bin's shapes at once (the learner runs on the
 * elected instance, but a hand-over may briefly overlap).
 */
export function pgShapeLearner(pool: pg.Pool): ShapeLearnerStore {
  const inTransaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => inPgTransaction(pool, work);
  return {
    learnBatch: (limit: number, learn: LearnRows) =>
      inTransaction(async (client) => {
        const { rows } = await client.query<ShapeRow>(
          `SELECT ${ROW_COLUMNS} FROM "CapturedRequest" WHERE "shapePending" ORDER BY "id" LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [limit],
        );
        // Bins in one order, so two learners' advisory locks cannot deadlock.
        for (const [binId, own] of [...byBin(rows)].sort(([a], [b]) => (a < b ? -1 : 1))) {
          await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`shapes:${binId}`]);
          const types = eventTypesOf(own);
          const shapes = await client.query<StoredShape>(`SELECT ${SHAPE_COLUMNS} FROM "EventShape" WHERE "binId" = $1 AND "eventType" = ANY($2)`, [
            binId,
            types,
          ]);
          const schemas = await client.query<StoredSchema>(`SELECT ${SCHEMA_COLUMNS} FROM "EventSchema" WHERE "binId" = $1 AND "eventType" = ANY($2)`, [
            binId,
            types,
          ]);
          const learnt = learn(own, new Map(shapes.rows.map((row) => [row.eventType, row])), new Map(schemas.rows.map((row) => [row.eventType, row])));
          for (const shape of learnt) {
            await client.query(UPSERT_SHAPE_SQL(positional), [binId, shape.eventType, shape.shape, shape.changes, shape.firstSeenAt, shape.lastSeenAt]);
          }
        }
        if (rows.length > 0) await client.query(FLAG_SQL, flagParams(rows));
        return rows;
      }),
    recheckBatch: (scan: number, recheck: RecheckRows) =>
      inTransaction(async (client) => {
        const found = await client.query<StoredSchema & { recheckBefore: string }>(
          `SELECT ${SCHEMA_COLUMNS}, "recheckBefore" FROM "EventSchema" WHERE "recheckBefore" IS NOT NULL LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        const schema = found.rows[0];
        if (!schema) return null;
        const ref = `${schema.id}:${schema.version}`;
        const due = `"eventType" = $2 AND NOT "shapePending" AND "schemaRef" IS DISTINCT FROM $5`;
        const scanned = await client.query<ShapeRow & { due: boolean }>(
          `SELECT ${ROW_COLUMNS.replace(`"body"`, `CASE WHEN ${due} THEN "body" END AS "body"`)}, ${due} AS "due"
           FROM "CapturedRequest" WHERE "binId" = $1 AND "id" < $3 ORDER BY "id" DESC LIMIT $4`,
          // Empty: from the newest. The bound stays a plain range, so the (binId, id) index serves it.
          [schema.binId, schema.eventType, schema.recheckBefore === "" ? HIGHER_THAN_ANY_ID : schema.recheckBefore, scan, ref],
        );
        const rows = scanned.rows.filter((row) => row.due).map(({ due: _due, ...row }) => row);
        if (rows.length > 0) {
          recheck(rows, schema);
          await client.query(FLAG_SQL, flagParams(rows));
        }
        await client.query(`UPDATE "EventSchema" SET "recheckBefore" = $1 WHERE "binId" = $2 AND "eventType" = $3`, [
          scanned.rows.length < scan ? null : scanned.rows.at(-1)!.id,
          schema.binId,
          schema.eventType,
        ]);
        return rows;
      }),
    learntAsCaptured: async () => new Set(),
    pending: async () => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CapturedRequest" WHERE "shapePending"`)).rows[0]!.n,
  };
}
