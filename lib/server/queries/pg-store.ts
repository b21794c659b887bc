import pg from "pg";
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
  removeParams,
  RESERVE_SQL,
  TAIL_COLUMNS,
  TAIL_SIZES_SQL,
  attemptValues,
  searchSql,
  type BinReservation,
  type HotStore,
  type SearchDialect,
  type TailRow,
  likeEscape,
  STORED_SHAPE_STATE,
} from "@/lib/server/queries/hot-store-types";
import { parseHeaderPairs } from "@/lib/shared/headers";
import { pgShapeLearner } from "@/lib/server/queries/pg-shape-learner";
import { inPgTransaction } from "@/lib/server/db/postgres-pool";

const positional = (n: number) => `$${n}`;

function insertSql(rows: number): string {
  const values: string[] = [];
  for (let r = 0; r < rows; r++) {
    values.push(`(${INSERT_COLUMNS.map((_, c) => `$${r * INSERT_COLUMNS.length + c + 1}`).join(", ")})`);
  }
  return `INSERT INTO "CapturedRequest" (${INSERT_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${values.join(", ")}`;
}

/**
 * Batches up to this size insert through a named (prepared) statement per size: each connection
 * parses and analyses a size's statement once instead of at every commit. Larger ones, rare, stay
 * unnamed so that a connection holds at most this many.
 */
const PREPARED_INSERT_ROWS = 64;
const insertStatements = new Map<number, pg.QueryConfig>();

function insertQuery(rows: CapturedRequestRecord[]): pg.QueryConfig {
  const params = rows.flatMap(values);
  if (rows.length > PREPARED_INSERT_ROWS) return { text: insertSql(rows.length), values: params };
  let statement = insertStatements.get(rows.length);
  if (!statement) {
    statement = { name: `hookscope_capture_insert_${rows.length}`, text: insertSql(rows.length) };
    insertStatements.set(rows.length, statement);
  }
  return { ...statement, values: params };
}

const RESERVE_STATEMENT = { name: "hookscope_capture_reserve", text: RESERVE_SQL(positional) };

function values(record: CapturedRequestRecord): unknown[] {
  const row = CAPTURE_COLUMNS.map((column) =>
    column === "body"
      ? Buffer.from(record.body.buffer, record.body.byteOffset, record.body.byteLength)
      : column === "headers"
        ? headersColumn(record)
        : record[column],
  );
  row.push(bodyTextColumn(record));
  return row;
}

/**
 * Search in PostgreSQL: the header ILIKE is served by the pg_trgm GIN index on "headers"; the body
 * by the one on "bodyText" (same text, so LIKE there matches where the bytes do), or else, for the rows
 * without text (binary bodies, rows older than the index), the partial index that lists them.
 */
export const PG_SEARCH: SearchDialect = {
  placeholder: positional,
  ilike: "ILIKE",
  bodyContains: (p) => `position(${p}::bytea in "body") > 0`,
  time: (at) => at,
  bytes: (text) => Buffer.from(text),
  bytewisePath: `("path" COLLATE "C")`,
  // The pair's ILIKE is served by the GIN index itself. The value alone, as a second ILIKE, is mostly
  // for the planner: measured on 1,000,000 rows with 0.1 % matching, it then reads the index (90 ms)
  // instead of walking the primary key backwards testing ILIKE on each row (257 ms).
  headerCandidates: (param, text, part) => (part === "value" ? `"headers" ILIKE ${param(`%${likeEscape(text)}%`)} ESCAPE '\\'` : null),
  // Given both, the planner served the pair's pattern from the GIN index too, and its common trigrams (the
  // header's name, the JSON punctuation) list every row: 70 ms of a 1,000,000-row bin's 85 ms went there.
  // Concatenated, the column is no longer the index's: the pair is only checked on the value's candidates.
  checkedHeaders: `("headers" || '')`,
  bodyCandidates: (param, _binIdParam, text) => `("bodyText" LIKE ${param(`%${likeEscape(text)}%`)} ESCAPE '\\' OR "bodyText" IS NULL)`,
  narrowedTable: `"CapturedRequest"`,
  shapeState: STORED_SHAPE_STATE,
};

/** PostgreSQL through a pg pool: one transaction per batch, one multi-row INSERT per bin. */
export function openPgStore(pool: pg.Pool): HotStore {
  const inTransaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => inPgTransaction(pool, work);
  return {
    async commit(groups, prepare) {
      return inTransaction(async (client) => {
        const reservations: (BinReservation | null)[] = [];
        for (const { binId, rows } of groups) {
          const reserved = await client.query<{
            captureCount: number;
            settings: string;
            secrets: string;
            maxRequests: number;
            responderUntil: Date | null;
            responderTimeoutMs: number;
          }>({ ...RESERVE_STATEMENT, values: [rows.length, binId] });
          const row = reserved.rows[0];
          if (!row) {
            reservations.push(null);
            continue;
          }
          const reservation: BinReservation = {
            first: row.captureCount - rows.length + 1,
            settings: row.settings,
            secrets: row.secrets,
            maxRequests: row.maxRequests,
            responderUntil: row.responderUntil?.getTime() ?? null,
            responderTimeoutMs: row.responderTimeoutMs,
          };
          prepare(reservation, rows);
          const firstStored = new Map<string, string>();
          for (const key of deliveryKeysOf(rows)) {
            const id = (await client.query<{ id: string }>(FIRST_DELIVERY_SQL(positional), [binId, key])).rows[0]?.id;
            if (id) firstStored.set(key, id);
          }
          markDuplicates(rows, firstStored);
          await client.query(insertQuery(rows));
          reservations.push(reservation);
        }
        return reservations;
      });
    },
    async prune(binId, keep, backlogCap, now) {
      return inTransaction(async (client) => {
        // Serialises prunes of one bin: two at once could both count the same drops.
        await client.query(`SELECT 1 FROM "Bin" WHERE "id" = $1 FOR UPDATE`, [binId]);
        const lowest = (await client.query<{ cursor: number | null }>(LOWEST_CURSOR_SQL(positional), [binId])).rows[0]?.cursor ?? null;
        const cap = keep + backlogCap;
        const undelivered = (await client.query<{ n: number }>(COUNT_UNDELIVERED_PAST_CAP_SQL(positional), [binId, cap, lowest])).rows[0]?.n ?? 0;
        let removed = 0;
        if (undelivered > 0) {
          const drops = await client.query<{ forwarderId: string; n: number }>(COUNT_FORWARDER_DROPS_SQL(positional), [binId, cap]);
          for (const { forwarderId, n } of drops.rows) {
            if (n > 0) await client.query(`UPDATE "Forwarder" SET "dropped" = "dropped" + $1, "droppedAt" = $2 WHERE "id" = $3`, [n, now, forwarderId]);
          }
          await client.query(`UPDATE "Bin" SET "undeliveredDropped" = "undeliveredDropped" + $1, "undeliveredDroppedAt" = $2 WHERE "id" = $3`, [
            undelivered,
            now,
            binId,
          ]);
          removed += (await client.query(`DELETE FROM "CapturedRequest" WHERE ${PAST_CAP_SQL(positional)}`, [binId, cap])).rowCount ?? 0;
        }
        removed += (await client.query(PRUNE_DELIVERED_SQL(positional), [binId, keep, lowest])).rowCount ?? 0;
        if (removed > 0) await client.query(`UPDATE "Bin" SET "prunedCount" = "prunedCount" + $1 WHERE "id" = $2`, [removed, binId]);
        return { removed, undelivered };
      });
    },
    async remove(binId, selection) {
      // One statement, so one transaction: the rows go and the tally counts them together. Named, so that
      // each connection prepares it once and soon runs a generic plan: planned afresh for each chunk, the
      // planner probed the id index's end for its estimate and walked the dead entries of the rows already
      // deleted (17 ms of planning per chunk a fifth of the way into a 1,000,000-row clear).
      const result = await pool.query<{ removed: number; lastId: string | null }>({
        name: "id" in selection ? "hookscope-remove-one" : "hookscope-remove-chunk",
        text:
          "id" in selection
            ? `WITH gone AS (${REMOVE_SQL(positional, selection)}), counted AS (
                 UPDATE "Bin" SET "removedCount" = "removedCount" + (SELECT count(*) FROM gone) WHERE "id" = $1)
               SELECT count(*)::int AS removed, max("id") AS "lastId" FROM gone`
            : `WITH gone AS (${REMOVE_SQL(positional, selection)}), counted AS (
                 UPDATE "Bin" SET "removedCount" = "removedCount" + (SELECT count(*) FROM gone) WHERE "id" = $1),
               durability AS (SELECT set_config('synchronous_commit', $5, true))
               SELECT count(*)::int AS removed, max("id") AS "lastId" FROM gone, durability`,
        values: removeParams(binId, selection),
      });
      return result.rows[0] ?? { removed: 0, lastId: null };
    },
    async tail(binId, forwarderId, afterSequence, limits) {
      const sizes = await pool.query<{ id: string; bodySize: number }>(TAIL_SIZES_SQL(positional), [binId, forwarderId, afterSequence, limits.rows]);
      const ids: string[] = [];
      let bytes = 0;
      for (const row of sizes.rows) {
        if (ids.length > 0 && bytes + row.bodySize > limits.bytes) break;
        ids.push(row.id);
        bytes += row.bodySize;
      }
      if (ids.length === 0) return [];
      const rows = await pool.query<Omit<TailRow, "headers"> & { headers: string }>(
        `SELECT ${TAIL_COLUMNS} FROM "CapturedRequest" WHERE "id" = ANY($1) ORDER BY "sequence"`,
        [ids],
      );
      return rows.rows.map((row) => ({ ...row, headers: parseHeaderPairs(row.headers) }));
    },
    async recordReports(forwarderId, cursor, reports, now) {
      return inTransaction(async (client) => {
        let stored = 0;
        for (const report of reports) {
          const inserted = await client.query(INSERT_CLI_DELIVERY_SQL(positional, "'\\x'::bytea"), [
            report.key,
            report.targetUrl,
            report.status,
            report.lastError,
            now,
            report.requestId,
            report.binId,
            report.resigned,
          ]);
          if ((inserted.rowCount ?? 0) === 0) continue;
          await client.query(
            INSERT_ATTEMPT_SQL(positional),
            attemptValues(
              report,
              (at) => at,
              (value) => value,
            ),
          );
          stored++;
        }
        await client.query(`UPDATE "Forwarder" SET "cursor" = GREATEST("cursor", coalesce($1::int, "cursor")), "lastSeenAt" = $2 WHERE "id" = $3`, [
          cursor,
          now,
          forwarderId,
        ]);
        return stored;
      });
    },
    async search(binId, search) {
      const { sql, params } = searchSql(PG_SEARCH, binId, search);
      return (await pool.query<RequestSummaryRecord>(sql, params)).rows;
    },
    async bucketCounts(binId, from, to, bucketMs) {
      const result = await pool.query<{ bucket: number; n: number }>(
        `SELECT floor((extract(epoch FROM "receivedAt") * 1000 - $1) / $2)::int AS bucket, count(*)::int AS n FROM "CapturedRequest"
         WHERE "binId" = $3 AND "receivedAt" >= to_timestamp($1 / 1000.0) AND "receivedAt" <= to_timestamp($4 / 1000.0) GROUP BY bucket`,
        [from, bucketMs, binId, to],
      );
      return result.rows;
    },
    async oldestReceivedAt(binId) {
      const result = await pool.query<{ at: Date | null }>(`SELECT min("receivedAt") AS at FROM "CapturedRequest" WHERE "binId" = $1`, [binId]);
      return result.rows[0]?.at?.getTime() ?? null;
    },
    async ping() {
      await pool.query("SELECT 1");
    },
    // PostgreSQL's checkpointer and WAL writer are its own processes: a chunk's WAL costs no capture a wait.
    async writeRoom() {},
    // The pool is the process's (lib/server/db/postgres-pool.ts): closing the database ends it.
    searchIndexer: null,
    shapeLearner: pgShapeLearner(pool),
    async close() {},
  };
}
