import pg from "pg";
import type { CapturedRequestRecord, RequestSummaryRecord } from "@/lib/queries/requests";
import {
  CAPTURE_COLUMNS,
  FIRST_DELIVERY_SQL,
  PRUNE_SQL,
  RESERVE_SQL,
  searchSql,
  type BinReservation,
  type HotStore,
} from "@/lib/queries/hot-store-types";

const positional = (n: number) => `$${n}`;

// Integers and timestamps as the rest of the code expects them: numbers and Dates.
const COUNT_TYPES = { getTypeParser: (oid: number, format?: string) => (oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as "text")) };

function insertSql(rows: number): string {
  const values: string[] = [];
  for (let r = 0; r < rows; r++) {
    values.push(`(${CAPTURE_COLUMNS.map((_, c) => `$${r * CAPTURE_COLUMNS.length + c + 1}`).join(", ")})`);
  }
  return `INSERT INTO "CapturedRequest" (${CAPTURE_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${values.join(", ")}`;
}

function values(record: CapturedRequestRecord): unknown[] {
  return CAPTURE_COLUMNS.map((column) => (column === "body" ? Buffer.from(record.body.buffer, record.body.byteOffset, record.body.byteLength) : record[column]));
}

/** PostgreSQL through a pg pool: one transaction per batch, one multi-row INSERT per bin. */
export function openPgStore(connectionString: string): HotStore {
  const pool = new pg.Pool({ connectionString, max: 4, types: COUNT_TYPES });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error("postgres: idle client error:", error.message));
  return {
    async commit(groups, prepare) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const reservations: (BinReservation | null)[] = [];
        for (const { binId, rows } of groups) {
          const reserved = await client.query<{ captureCount: number; settings: string; secrets: string; maxRequests: number }>(RESERVE_SQL(positional), [rows.length, binId]);
          const row = reserved.rows[0];
          if (!row) {
            reservations.push(null);
            continue;
          }
          const reservation = { first: row.captureCount - rows.length + 1, settings: row.settings, secrets: row.secrets, maxRequests: row.maxRequests };
          prepare(reservation, rows);
          for (const record of rows) {
            if (record.deliveryKey === null) continue;
            const earlier = rows.find((other) => other !== record && other.deliveryKey === record.deliveryKey && other.id < record.id);
            const stored = await client.query<{ id: string }>(FIRST_DELIVERY_SQL(positional), [binId, record.deliveryKey]);
            record.duplicateOf = stored.rows[0]?.id ?? earlier?.id ?? null;
          }
          await client.query(insertSql(rows.length), rows.flatMap(values));
          reservations.push(reservation);
        }
        await client.query("COMMIT");
        return reservations;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async prune(binId, keep) {
      return (await pool.query(PRUNE_SQL(positional), [binId, keep])).rowCount ?? 0;
    },
    async search(binId, search) {
      const { sql, params } = searchSql(
        { placeholder: positional, ilike: "ILIKE", bodyContains: (p) => `position(${p}::bytea in "body") > 0`, time: (at) => at, bytes: (text) => Buffer.from(text) },
        binId,
        search,
      );
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
    async close() {
      await pool.end();
    },
  };
}
