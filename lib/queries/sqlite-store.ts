import Database from "better-sqlite3";
import type { CapturedRequestRecord, RequestSummaryRecord } from "@/lib/queries/requests";
import {
  CAPTURE_COLUMNS,
  FIRST_DELIVERY_SQL,
  PRUNE_SQL,
  RESERVE_SQL,
  searchSql,
  type BinReservation,
  type CaptureGroup,
  type HotStore,
  type PrepareRows,
  type RequestSearch,
} from "@/lib/queries/hot-store-types";

const named = (n: number) => `@p${n}`;
const bind = (params: unknown[]) => Object.fromEntries(params.map((value, i) => [`p${i + 1}`, value]));

type ReserveRow = { captureCount: number; settings: string; secrets: string; maxRequests: number };
type SummaryRow = Omit<RequestSummaryRecord, "receivedAt" | "replaySuspected"> & { receivedAt: number; replaySuspected: number };

function toRow(record: CapturedRequestRecord): Record<string, unknown> {
  return {
    ...record,
    body: Buffer.from(record.body.buffer, record.body.byteOffset, record.body.byteLength),
    receivedAt: record.receivedAt.getTime(),
    forwardPending: record.forwardPending ? 1 : 0,
    replaySuspected: record.replaySuspected ? 1 : 0,
  };
}

/**
 * SQLite through its own better-sqlite3 connection. The transaction is synchronous, so "number the
 * captures, insert them" is one atomic step that nothing else in the process can interleave with.
 */
export function openSqliteStore(file: string): HotStore {
  const database = new Database(file);
  database.pragma("journal_mode = WAL");
  // In WAL mode a commit survives a crash of the process; only an OS crash can drop the last ones.
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  const insert = database.prepare(
    `INSERT INTO "CapturedRequest" (${CAPTURE_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${CAPTURE_COLUMNS.map((c) => `@${c}`).join(", ")})`,
  );
  const reserve = database.prepare<Record<string, unknown>, ReserveRow>(RESERVE_SQL(named));
  const firstDelivery = database.prepare<Record<string, unknown>, { id: string }>(FIRST_DELIVERY_SQL(named));
  const prune = database.prepare(PRUNE_SQL(named));
  const commit = database.transaction((groups: CaptureGroup[], prepare: PrepareRows) =>
    groups.map(({ binId, rows }): BinReservation | null => {
      const row = reserve.get(bind([rows.length, binId]));
      if (!row) return null;
      const reservation = { first: row.captureCount - rows.length + 1, settings: row.settings, secrets: row.secrets, maxRequests: row.maxRequests };
      prepare(reservation, rows);
      for (const record of rows) {
        // Inside the transaction, so a duplicate within the same batch finds the row inserted before it.
        if (record.deliveryKey !== null) record.duplicateOf = firstDelivery.get(bind([binId, record.deliveryKey]))?.id ?? null;
        insert.run(toRow(record));
      }
      return reservation;
    }),
  );
  return {
    commit: async (groups, prepare) => commit(groups, prepare),
    prune: async (binId, keep) => prune.run(bind([binId, keep])).changes,
    search: async (binId: string, search: RequestSearch) => {
      const { sql, params } = searchSql(
        { placeholder: named, ilike: "LIKE", bodyContains: (p) => `instr("body", ${p}) > 0`, time: (at) => at.getTime(), bytes: (text) => Buffer.from(text) },
        binId,
        search,
      );
      const rows = database.prepare<Record<string, unknown>, SummaryRow>(sql).all(bind(params));
      return rows.map((row) => ({ ...row, receivedAt: new Date(row.receivedAt), replaySuspected: row.replaySuspected === 1 }));
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
    close: async () => {
      database.close();
    },
  };
}
