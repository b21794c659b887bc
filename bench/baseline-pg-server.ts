// The PostgreSQL reference Hookscope's capture path is compared with: plain node:http and a `pg`
// Pool, one INSERT per request in autocommit (no batching, no transaction of its own), PostgreSQL's
// defaults (synchronous_commit on: each 200 waits for its own WAL flush, as Hookscope's does).
// Same table shape as the SQLite baseline. Runs as its own process, started by bench/capture.ts.
import pg from "pg";
import { BASELINE_COLUMNS, serveBaseline } from "./baseline-http";

const port = Number(process.env.PORT);
const connectionString = process.env.BASELINE_DATABASE_URL;
const poolSize = Number(process.env.BASELINE_POOL_SIZE ?? "10");
if (!Number.isInteger(port) || port <= 0 || !connectionString || !Number.isInteger(poolSize) || poolSize < 1) {
  console.error("baseline-pg-server: PORT, BASELINE_DATABASE_URL (and a positive BASELINE_POOL_SIZE) are required");
  process.exit(2);
}

const pool = new pg.Pool({ connectionString, max: poolSize });
pool.on("error", (error) => console.error("baseline-pg-server: idle client error:", error.message));
await pool.query(`
  CREATE TABLE IF NOT EXISTS captured_request (
    id TEXT PRIMARY KEY NOT NULL,
    bin_id TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    query TEXT NOT NULL,
    headers TEXT NOT NULL,
    content_type TEXT,
    body BYTEA NOT NULL,
    body_size INTEGER NOT NULL,
    remote_address TEXT NOT NULL,
    http_version TEXT NOT NULL,
    received_at TIMESTAMP(3) NOT NULL
  );
  CREATE INDEX IF NOT EXISTS captured_request_bin_id_id ON captured_request (bin_id, id);
`);
const INSERT_SQL = `INSERT INTO captured_request ${BASELINE_COLUMNS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, to_timestamp($12 / 1000.0))`;

serveBaseline(
  "baseline-pg-server",
  port,
  async (row) => void (await pool.query(INSERT_SQL, row)),
  () => pool.end(),
);
