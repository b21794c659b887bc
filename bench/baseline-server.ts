// The reference Hookscope's capture path is compared with: plain node:http, one synchronous
// better-sqlite3 insert per request, no batching, no framework. Runs as its own process (started by
// bench/capture.ts) so it gets an event loop of its own, as Hookscope does.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import Database from "better-sqlite3";

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
const insert = db.prepare(
  `INSERT INTO captured_request
     (id, bin_id, method, path, query, headers, content_type, body, body_size, remote_address, http_version, received_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);

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
  const receivedAt = Date.now();
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const queryAt = url.indexOf("?");
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    const segments = pathname.split("/");
    const id = randomUUID();
    insert.run(
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
    );
    const payload = JSON.stringify({ ok: true, id });
    res.writeHead(200, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(payload),
      "X-Hookscope-Request-Id": id,
    });
    res.end(payload);
  });
});

server.listen(port, "127.0.0.1");

function shutdown(): void {
  server.close();
  server.closeAllConnections();
  db.close();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
