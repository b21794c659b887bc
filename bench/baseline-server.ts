// The reference Hookscope's capture path is compared with: plain node:http, one synchronous
// better-sqlite3 insert per request, no batching, no framework. Runs as its own process (started by
// bench/capture.ts) so it gets an event loop of its own, as Hookscope does.
import Database from "better-sqlite3";
import { BASELINE_COLUMNS, serveBaseline } from "./baseline-http";

const port = Number(process.env.PORT);
const databaseFile = process.env.BASELINE_DATABASE_FILE;
if (!Number.isInteger(port) || port <= 0 || !databaseFile) {
  console.error("baseline-server: PORT and BASELINE_DATABASE_FILE are required");
  process.exit(2);
}

const db = new Database(databaseFile);
// Same durability settings as Hookscope's SQLite, or the comparison would be unfair.
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec(`
  CREATE TABLE IF NOT EXISTS captured_request (
    id TEXT PRIMARY KEY NOT NULL,
    bin_id TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    query TEXT NOT NULL,
    headers TEXT NOT NULL,
    content_type TEXT,
    body BLOB NOT NULL,
    body_size INTEGER NOT NULL,
    remote_address TEXT NOT NULL,
    http_version TEXT NOT NULL,
    received_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS captured_request_bin_id_id ON captured_request (bin_id, id);
`);
const insert = db.prepare(`INSERT INTO captured_request ${BASELINE_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

// Synchronous, as better-sqlite3 is: the insert runs before the answer is written.
serveBaseline(
  "baseline-server",
  port,
  (row) => void insert.run(...row),
  () => {
    db.close();
  },
);
