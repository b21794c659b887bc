// The PostgreSQL reference Hookscope's capture path is compared with: plain node:http and a `pg`
// Pool, one INSERT per request in autocommit (no batching, no transaction of its own), PostgreSQL's
// defaults (synchronous_commit on: each 200 waits for its own WAL flush, as Hookscope's does).
// Same table shape as the SQLite baseline. Runs as its own process, started by bench/capture.ts.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import pg from "pg";
import { errorMessage } from "@/lib/errors";

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
const INSERT_SQL = `INSERT INTO captured_request
  (id, bin_id, method, path, query, headers, content_type, body, body_size, remote_address, http_version, received_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;

function headerPairs(rawHeaders: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return pairs;
}

const server = createServer((req, res) => {
  const url = req.url ?? "/";
  if (url === "/health") {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("ok");
    return;
  }
  const receivedAt = new Date();
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const queryAt = url.indexOf("?");
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    const segments = pathname.split("/");
    const id = randomUUID();
    pool
      .query(INSERT_SQL, [
        id,
        segments[2] ?? "",
        req.method ?? "GET",
        "/" + segments.slice(3).join("/"),
        queryAt === -1 ? "" : url.slice(queryAt + 1),
        JSON.stringify(headerPairs(req.rawHeaders)),
        req.headers["content-type"] ?? null,
        body,
        body.length,
        req.socket.remoteAddress ?? "",
        req.httpVersion,
        receivedAt,
      ])
      .then(
        () => {
          const payload = JSON.stringify({ ok: true, id });
          res.writeHead(200, {
            "Content-Type": "application/json; charset=utf-8",
            "Content-Length": Buffer.byteLength(payload),
            "X-Hookscope-Request-Id": id,
          });
          res.end(payload);
        },
        (error: unknown) => {
          console.error("baseline-pg-server: insert failed:", errorMessage(error));
          res.writeHead(500, { "Content-Type": "text/plain" });
          res.end("insert failed");
        },
      );
  });
});

server.listen(port, "127.0.0.1");

function shutdown(): void {
  server.close();
  server.closeAllConnections();
  pool.end().finally(() => process.exit(0));
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
