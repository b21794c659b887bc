// The two storage back-ends the bench runs on, behind one shape: where Hookscope and the baseline
// keep their rows, how to start the baseline, and the few direct reads the bench checks with.
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { addAsyncCleanup, freePort, makeTempDir, startServer, type ServerProcess } from "./processes";
import { errorMessage } from "@/lib/shared/errors";
import { searchSql, type RequestSearch } from "@/lib/server/queries/hot-store-types";
import { PG_SEARCH } from "@/lib/server/queries/pg-store";
import { sqliteSearch } from "@/lib/server/queries/sqlite-store";
import { WATERMARK_SQL } from "@/lib/server/queries/sqlite-search-index";

export type DatabaseKind = "sqlite" | "postgres";

/** The baseline's table and Hookscope's, with their bin column. */
export const BASELINE_TABLE = { table: "captured_request", binColumn: "bin_id", idColumn: "id" } as const;
export const HOOKSCOPE_TABLE = { table: "CapturedRequest", binColumn: "binId", idColumn: "id" } as const;
type TableRef = typeof BASELINE_TABLE | typeof HOOKSCOPE_TABLE;
type Which = "baseline" | "hookscope";

export interface BenchDatabase {
  kind: DatabaseKind;
  /** Hookscope's DATABASE_URL. */
  hookscopeUrl: string;
  /** A short description for the human output. */
  describe: string;
  startBaseline(rootDir: string): Promise<ServerProcess>;
  /** Rows per bin. */
  countRows(which: Which): Promise<Map<string, number>>;
  /** The id of the request `depth` rows below the newest one of a bin (0: the newest), for a deep `before=` cursor. */
  idAtDepth(binId: string, depth: number): Promise<string | null>;
  /** How many of a bin's rows hold these bytes in their body, this text in their headers, and a path with this prefix. */
  countMatching(binId: string, match: { bodyContains?: string; headersContain?: string; pathPrefix?: string }): Promise<number>;
  /**
   * Adds `count` copies of the bin's rows (cycling through them) in SQL, older than every captured row,
   * as if the bin had been capturing for a long time: how a read benchmark gets a bin of a million.
   */
  copyRows(binId: string, count: number): Promise<void>;
  /** Rows the search index has not reached yet: SQLite's background indexer lags behind captures and copies; PostgreSQL keeps its indexes in each transaction (0). */
  unindexed(): Promise<number>;
  /** Drops the search's trigram indexes (PostgreSQL), to measure what keeping them costs capture. */
  dropSearchIndexes(): Promise<void>;
  /** The plan of a search's SQL as Hookscope's store builds it, for the report. */
  explain(binId: string, search: RequestSearch): Promise<string>;
  /** Drops what the bench created (temp files go with the process). */
  close(): Promise<void>;
}

const COPY_CHUNK = 100_000;

/** The columns a copy takes from its template row; the rest are new (ids, order) or would mark it a duplicate. */
function copiedColumns(all: string[]): string[] {
  return all.filter((name) => !["id", "sequence", "receivedAt", "deliveryKey", "duplicateOf"].includes(name));
}

const tableOf = (which: Which): TableRef => (which === "baseline" ? BASELINE_TABLE : HOOKSCOPE_TABLE);

/**
 * Adds `count` copies of a bin's captured rows to a SQLite file (cycling through them), older than all of
 * them (ids and sequences below theirs), as if the bin had been capturing for a long time.
 */
export function copySqliteRows(file: string, binId: string, count: number): void {
  if (count <= 0) return;
  const db = new Database(file);
  try {
    const columns = copiedColumns((db.prepare(`PRAGMA table_info("CapturedRequest")`).all() as { name: string }[]).map((column) => column.name));
    // The templates by number, so that each copy finds its own with one lookup.
    db.exec(`CREATE TEMP TABLE "CopyTemplate" ("k" INTEGER PRIMARY KEY, "source" INTEGER NOT NULL)`);
    const templates = db
      .prepare(`INSERT INTO "CopyTemplate" SELECT row_number() OVER (ORDER BY "id") - 1, rowid FROM "CapturedRequest" WHERE "binId" = ? AND "sequence" > 0`)
      .run(binId).changes;
    // In chunks, one transaction each, so that the WAL stays bounded. 22-digit ids sort before every
    // real id (those start with the time in base 36).
    for (let done = 0; done < count; done += COPY_CHUNK) {
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT @from UNION ALL SELECT i + 1 FROM n WHERE i < @to)
         INSERT INTO "CapturedRequest" ("id", "sequence", "receivedAt", ${columns.map((name) => `"${name}"`).join(", ")})
         SELECT printf('%022d', n.i), -n.i, 1700000000000 + n.i, ${columns.map((name) => `r."${name}"`).join(", ")}
         FROM n JOIN "CopyTemplate" t ON t."k" = n.i % @templates JOIN "CapturedRequest" r ON r.rowid = t."source"`,
      ).run({ from: done + 1, to: Math.min(count, done + COPY_CHUNK), templates });
      db.pragma("wal_checkpoint(TRUNCATE)");
    }
    db.prepare(`UPDATE "Bin" SET "captureCount" = "captureCount" + ? WHERE "id" = ?`).run(count, binId);
  } finally {
    db.close();
  }
}

export function openSqlite(): BenchDatabase {
  const dir = makeTempDir("sqlite");
  const hookscopeFile = path.join(dir, "bench.db");
  const baselineFile = path.join(dir, "baseline.db");
  // Read-only connections: WAL lets them read while the servers write.
  const withDb = <T>(file: string, read: (db: Database.Database) => T): T => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  };
  return {
    kind: "sqlite",
    hookscopeUrl: `file:${hookscopeFile}`,
    describe: `SQLite files in ${dir} (WAL, synchronous=NORMAL)`,
    async startBaseline(rootDir) {
      const port = await freePort();
      return startServer({
        name: "sqlite baseline",
        args: ["--import", "tsx", path.join(rootDir, "bench", "baseline-server.ts")],
        cwd: rootDir,
        env: { PORT: String(port), BASELINE_DATABASE_FILE: baselineFile },
        port,
        healthPath: "/health",
        readyTimeoutMs: 30_000,
      });
    },
    async countRows(which) {
      const { table, binColumn } = tableOf(which);
      return withDb(which === "baseline" ? baselineFile : hookscopeFile, (db) => {
        const rows = db.prepare(`SELECT "${binColumn}" AS bin, COUNT(*) AS n FROM "${table}" GROUP BY "${binColumn}"`).all() as { bin: string; n: number }[];
        return new Map(rows.map((row) => [row.bin, row.n]));
      });
    },
    async idAtDepth(binId, depth) {
      return withDb(hookscopeFile, (db) => {
        const row = db.prepare(`SELECT "id" FROM "CapturedRequest" WHERE "binId" = ? ORDER BY "id" DESC LIMIT 1 OFFSET ?`).get(binId, depth) as
          { id: string } | undefined;
        return row?.id ?? null;
      });
    },
    async countMatching(binId, match) {
      return withDb(hookscopeFile, (db) => {
        const where = [`"binId" = ?`];
        const params: unknown[] = [binId];
        if (match.bodyContains !== undefined) {
          where.push(`instr("body", ?) > 0`);
          params.push(Buffer.from(match.bodyContains));
        }
        if (match.headersContain !== undefined) {
          where.push(`instr("headers", ?) > 0`);
          params.push(match.headersContain);
        }
        if (match.pathPrefix !== undefined) {
          where.push(`substr("path", 1, ?) = ?`);
          params.push(match.pathPrefix.length, match.pathPrefix);
        }
        const row = db.prepare(`SELECT COUNT(*) AS n FROM "CapturedRequest" WHERE ${where.join(" AND ")}`).get(...params) as { n: number };
        return row.n;
      });
    },
    async copyRows(binId, count) {
      copySqliteRows(hookscopeFile, binId, count);
    },
    async unindexed() {
      return withDb(hookscopeFile, (db) => {
        const row = db.prepare(`SELECT coalesce(max(rowid), 0) - (${WATERMARK_SQL}) AS n FROM "CapturedRequest"`).get() as { n: number };
        return Math.max(0, row.n);
      });
    },
    async dropSearchIndexes() {
      throw new Error("BENCH_PG_SEARCH_INDEX applies to PostgreSQL: SQLite's index is kept off the capture path");
    },
    async explain(binId, search) {
      return withDb(hookscopeFile, (db) => {
        const { sql, params } = searchSql(sqliteSearch(db), binId, search);
        const named = Object.fromEntries(params.map((value, i) => [`p${i + 1}`, value]));
        const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(named) as { detail: string }[];
        return rows.map((row) => row.detail).join("; ");
      });
    },
    async close() {
      // The temp dir is removed when the process exits.
    },
  };
}

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Two fresh databases on the server `adminUrl` points at (its role needs CREATE DATABASE): one for
 * Hookscope, which migrates it at start, and one for the baseline. Both are dropped by close(),
 * and on any way out of the bench.
 */
export async function openPostgres(adminUrl: string, baselinePoolSize: number): Promise<BenchDatabase> {
  const name = `hookscope_bench_${randomBytes(4).toString("hex")}`;
  const names = { hookscope: name, baseline: `${name}_baseline` };
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at ${redact(adminUrl)} is not reachable (${errorMessage(error)}); ` + `set BENCH_PG_URL, or BENCH_DATABASES=sqlite to skip it`);
  }
  const created: string[] = [];
  const drop = addAsyncCleanup(async () => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      // FORCE: a server killed mid-run may leave a backend behind for a moment.
      for (const database of created) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });
  try {
    for (const database of [names.hookscope, names.baseline]) {
      await admin.query(`CREATE DATABASE "${database}"`);
      created.push(database);
    }
  } finally {
    await admin.end();
  }
  const urls = { hookscope: withDatabase(adminUrl, names.hookscope), baseline: withDatabase(adminUrl, names.baseline) };
  const pools = { hookscope: new pg.Pool({ connectionString: urls.hookscope, max: 1 }), baseline: new pg.Pool({ connectionString: urls.baseline, max: 1 }) };
  for (const pool of Object.values(pools)) pool.on("error", () => undefined);
  return {
    kind: "postgres",
    hookscopeUrl: urls.hookscope,
    describe: `PostgreSQL databases ${names.hookscope} and ${names.baseline} (dropped at the end)`,
    async startBaseline(rootDir) {
      const port = await freePort();
      return startServer({
        name: "postgres baseline",
        args: ["--import", "tsx", path.join(rootDir, "bench", "baseline-pg-server.ts")],
        cwd: rootDir,
        env: { PORT: String(port), BASELINE_DATABASE_URL: urls.baseline, BASELINE_POOL_SIZE: String(baselinePoolSize) },
        port,
        healthPath: "/health",
        readyTimeoutMs: 30_000,
      });
    },
    async countRows(which) {
      const { table, binColumn } = tableOf(which);
      const result = await pools[which].query<{ bin: string; n: string }>(
        `SELECT "${binColumn}" AS bin, COUNT(*) AS n FROM "${table}" GROUP BY "${binColumn}"`,
      );
      return new Map(result.rows.map((row) => [row.bin, Number(row.n)]));
    },
    async idAtDepth(binId, depth) {
      const result = await pools.hookscope.query<{ id: string }>(`SELECT "id" FROM "CapturedRequest" WHERE "binId" = $1 ORDER BY "id" DESC LIMIT 1 OFFSET $2`, [
        binId,
        depth,
      ]);
      return result.rows[0]?.id ?? null;
    },
    async countMatching(binId, match) {
      const where = [`"binId" = $1`];
      const params: unknown[] = [binId];
      if (match.bodyContains !== undefined) {
        params.push(Buffer.from(match.bodyContains));
        where.push(`position($${params.length}::bytea in "body") > 0`);
      }
      if (match.headersContain !== undefined) {
        params.push(match.headersContain);
        where.push(`strpos("headers", $${params.length}) > 0`);
      }
      if (match.pathPrefix !== undefined) {
        params.push(match.pathPrefix);
        where.push(`starts_with("path", $${params.length})`);
      }
      const result = await pools.hookscope.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "CapturedRequest" WHERE ${where.join(" AND ")}`, params);
      return Number(result.rows[0]?.n ?? 0);
    },
    async copyRows(binId, count) {
      const client = new pg.Client({ connectionString: urls.hookscope });
      await client.connect();
      try {
        const found = await client.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns WHERE table_name = 'CapturedRequest' AND table_schema = current_schema()`,
        );
        const columns = copiedColumns(found.rows.map((row) => row.column_name));
        const templates = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "CapturedRequest" WHERE "binId" = $1`, [binId])).rows[0]?.n);
        for (let done = 0; done < count; done += COPY_CHUNK) {
          await client.query(
            `INSERT INTO "CapturedRequest" ("id", "sequence", "receivedAt", ${columns.map((name) => `"${name}"`).join(", ")})
             SELECT lpad(n.i::text, 22, '0'), -n.i, to_timestamp(1700000000 + n.i / 1000.0), ${columns.map((name) => `t."${name}"`).join(", ")}
             FROM generate_series($1::int, $2::int) AS n(i)
             JOIN (SELECT *, row_number() OVER (ORDER BY "id") - 1 AS k FROM "CapturedRequest" WHERE "binId" = $3 AND "sequence" > 0) t ON t.k = n.i % $4`,
            [done + 1, Math.min(count, done + COPY_CHUNK), binId, templates],
          );
        }
        await client.query(`UPDATE "Bin" SET "captureCount" = "captureCount" + $1 WHERE "id" = $2`, [count, binId]);
        // What autovacuum would have done by the time a bin is this big: plans with current statistics.
        await client.query(`VACUUM ANALYZE "CapturedRequest"`);
      } finally {
        await client.end();
      }
    },
    async unindexed() {
      return 0;
    },
    async dropSearchIndexes() {
      await pools.hookscope.query(`DROP INDEX "CapturedRequest_headers_trgm_idx", "CapturedRequest_bodyText_trgm_idx"`);
    },
    async explain(binId, search) {
      const { sql, params } = searchSql(PG_SEARCH, binId, search);
      // The plan depends on the statistics: say whether (auto)analyze has seen the table yet.
      const stats = await pools.hookscope.query<{ n_live_tup: string; last_analyze: Date | null; last_autoanalyze: Date | null }>(
        `SELECT n_live_tup, last_analyze, last_autoanalyze FROM pg_stat_user_tables WHERE relname = 'CapturedRequest'`,
      );
      const row = stats.rows[0];
      const analyzed = row?.last_autoanalyze ?? row?.last_analyze ?? null;
      const statsLine = row
        ? `(table statistics: n_live_tup ${row.n_live_tup}, last analyzed ${analyzed ? `${Math.round((Date.now() - analyzed.getTime()) / 1000)} s ago` : "never"})`
        : "(no table statistics)";
      const result = await pools.hookscope.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      return [statsLine, ...result.rows.map((row) => row["QUERY PLAN"])].join("\n");
    },
    async close() {
      await Promise.all(Object.values(pools).map((pool) => pool.end().catch(() => undefined)));
      await drop();
    },
  };
}

export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(invalid URL)";
  }
}
