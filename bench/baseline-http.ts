// The HTTP side both baselines share: plain node:http, read the body, hand one row to the
// database's own insert, answer 200 once it is stored. Only the insert differs between them.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { errorMessage } from "@/lib/shared/errors";

/** One captured request as the baselines' table stores it, in column order. */
export type BaselineRow = [
  id: string,
  binId: string,
  method: string,
  path: string,
  query: string,
  headers: string,
  contentType: string | null,
  body: Buffer,
  bodySize: number,
  remoteAddress: string,
  httpVersion: string,
  receivedAt: number,
];

export const BASELINE_COLUMNS = "(id, bin_id, method, path, query, headers, content_type, body, body_size, remote_address, http_version, received_at)";

function headerPairs(rawHeaders: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return pairs;
}

/** Serves /h/<binId>/... on 127.0.0.1:`port`, storing each request with `insert`; stops on SIGTERM/SIGINT. */
export function serveBaseline(name: string, port: number, insert: (row: BaselineRow) => void | Promise<void>, close: () => Promise<void> | void): Server {
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
      const segments = (queryAt === -1 ? url : url.slice(0, queryAt)).split("/");
      const id = randomUUID();
      const row: BaselineRow = [
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
      ];
      const stored = () => {
        const payload = JSON.stringify({ ok: true, id });
        res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(payload), "X-Hookscope-Request-Id": id });
        res.end(payload);
      };
      const failed = (error: unknown) => {
        console.error(`${name}: insert failed:`, errorMessage(error));
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end("insert failed");
      };
      // A synchronous insert answers in the same turn, as a plain handler would.
      try {
        const pending = insert(row);
        if (pending) pending.then(stored, failed);
        else stored();
      } catch (error) {
        failed(error);
      }
    });
  });
  server.listen(port, "127.0.0.1");
  const shutdown = () => {
    server.close();
    server.closeAllConnections();
    void Promise.resolve(close()).finally(() => process.exit(0));
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  return server;
}
