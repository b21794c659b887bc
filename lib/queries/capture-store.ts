import Database from "better-sqlite3";
import { sqlitePath } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { CapturedRequestRecord } from "@/lib/queries/requests";

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

/**
 * Fills in what depends on the reservation (sequence, the answer decided from the settings) before
 * the rows are inserted.
 */
export type PrepareRows = (reservation: BinReservation, rows: CapturedRequestRecord[]) => void;

const INSERT_SQL = `INSERT INTO "CapturedRequest" ("id", "binId", "method", "path", "query", "headers", "contentType", "body", "bodySize",
  "remoteAddress", "httpVersion", "receivedAt", "sequence", "responseStatus", "responseRule", "forwardPending",
  "verdict", "replaySuspected", "deliveryKey", "duplicateOf", "authFailure")
  VALUES (@id, @binId, @method, @path, @query, @headers, @contentType, @body, @bodySize, @remoteAddress, @httpVersion,
  @receivedAt, @sequence, @responseStatus, @responseRule, @forwardPending,
  @verdict, @replaySuspected, @deliveryKey, @duplicateOf, @authFailure)`;

const FIRST_DELIVERY_SQL = `SELECT "id" FROM "CapturedRequest" WHERE "binId" = ? AND "deliveryKey" = ? ORDER BY "id" LIMIT 1`;

const RESERVE_SQL = `UPDATE "Bin" SET "captureCount" = "captureCount" + ? WHERE "id" = ? RETURNING "captureCount", "settings", "secrets", "maxRequests"`;

const PRUNE_SQL = `DELETE FROM "CapturedRequest" WHERE "binId" = ? AND "id" <= (
  SELECT "id" FROM "CapturedRequest" WHERE "binId" = ? ORDER BY "id" DESC LIMIT 1 OFFSET ?)`;

interface SqliteCaptureStore {
  url: string;
  database: Database.Database;
  commit: (groups: CaptureGroup[], prepare: PrepareRows) => (BinReservation | null)[];
  prune: Database.Statement<[string, string, number]>;
}

const GLOBAL_KEY = Symbol.for("hookscope.captureStore");

/**
 * The capture hot path writes through its own better-sqlite3 connection with prepared statements:
 * measured, Prisma's per-query work was half the CPU of a capture. Its synchronous transaction also
 * makes "number the captures, insert them" one atomic step that nothing else can interleave with.
 * Everything else still goes through Prisma.
 */
function store(): SqliteCaptureStore {
  const holder = globalThis as { [GLOBAL_KEY]?: SqliteCaptureStore };
  const url = env().DATABASE_URL;
  const current = holder[GLOBAL_KEY];
  if (current && current.url === url) return current;
  current?.database.close();
  const database = new Database(sqlitePath(url));
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  const insert = database.prepare(INSERT_SQL);
  const reserve = database.prepare<[number, string], { captureCount: number; settings: string; secrets: string; maxRequests: number }>(RESERVE_SQL);
  const firstDelivery = database.prepare<[string, string], { id: string }>(FIRST_DELIVERY_SQL);
  const commit = database.transaction((groups: CaptureGroup[], prepare: PrepareRows) =>
    groups.map(({ binId, rows }) => {
      const row = reserve.get(rows.length, binId);
      if (!row) return null;
      const reservation = { first: row.captureCount - rows.length + 1, settings: row.settings, secrets: row.secrets, maxRequests: row.maxRequests };
      prepare(reservation, rows);
      for (const record of rows) {
        // Inside the transaction, so a duplicate within the same batch finds the row inserted before it.
        if (record.deliveryKey !== null) record.duplicateOf = firstDelivery.get(binId, record.deliveryKey)?.id ?? null;
        insert.run({
          ...record,
          body: Buffer.from(record.body.buffer, record.body.byteOffset, record.body.byteLength),
          receivedAt: record.receivedAt.getTime(),
          forwardPending: record.forwardPending ? 1 : 0,
          replaySuspected: record.replaySuspected ? 1 : 0,
        });
      }
      return reservation;
    }),
  );
  const created: SqliteCaptureStore = { url, database, commit, prune: database.prepare(PRUNE_SQL) };
  holder[GLOBAL_KEY] = created;
  return created;
}

/**
 * Commits a batch of captures in one transaction. Per group: the reservation, or null when the bin
 * does not exist (its rows are then not inserted). Throws (and commits nothing) on a storage error.
 */
export async function commitCaptureGroups(groups: CaptureGroup[], prepare: PrepareRows): Promise<(BinReservation | null)[]> {
  return store().commit(groups, prepare);
}

/** Keeps the newest `keep` requests of a bin; returns how many older ones were removed. */
export async function pruneRequests(binId: string, keep: number): Promise<number> {
  return store().prune.run(binId, binId, keep).changes;
}

/** The capture store's connection, for the other hot reads that need SQL Prisma cannot express (search). */
export function sqliteConnection(): Database.Database {
  return store().database;
}

export function closeCaptureStore(): void {
  const holder = globalThis as { [GLOBAL_KEY]?: SqliteCaptureStore };
  holder[GLOBAL_KEY]?.database.close();
  holder[GLOBAL_KEY] = undefined;
}
