import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
}

/** Requests still being answered on each connection; a parse error later on the same connection waits for the complete ones. */
const answering = new WeakMap<Duplex, Set<Exchange>>();

/** Call for every request the server takes, before anything else. */
export function watchAnswer(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  let open = answering.get(socket);
  if (!open) answering.set(socket, (open = new Set()));
  const exchange = { req, res };
  open.add(exchange);
  res.once("close", () => open.delete(exchange));
}

/**
 * HTTP/0.9 (`GET /path` and nothing else) has no headers and no body: no webhook is sent that way,
 * and storing one would be storing a guess. Node's parser accepts it; this refuses it. Returns true
 * when it answered.
 */
export function refuseHttp09(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.httpVersionMajor !== 0) return false;
  sendError(res, 400, "http_version", "HTTP/0.9 is not supported; send HTTP/1.0 or later. Nothing was stored.");
  return true;
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const payload = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(payload), Connection: "close" });
  res.end(payload);
}

// The statuses Node's own handler uses for these parser errors; everything else is a 400.
const STATUS_BY_CODE: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * Bytes Node's parser cannot read as HTTP (a bad request line, header or framing) get an error
 * status and the connection is closed, as Node does by default, with one difference: when an earlier
 * request on the same connection (pipelining) is still being answered, its answer goes out first.
 * Node's default wrote the 400 at once and closed, so a capture already stored was never answered
 * and the sender read the 400 as the answer to it.
 */
export function answerUnparsable(server: Server): void {
  const refused = new WeakSet<Duplex>();
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The parser stays broken: more bytes on this connection report the same error again.
    if (refused.has(socket)) return;
    refused.add(socket);
    const status = STATUS_BY_CODE[error.code ?? ""] ?? 400;
    const answer = () => {
      if (!socket.writable || error.code === "ECONNRESET") {
        socket.destroy();
        return;
      }
      // Destroyed once written, like Node's default: a half-open connection is not left to the sender.
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
    };
    // A request whose own body is what failed to parse is not waited for: closing the connection
    // ends its upload, and an upload cut short stores nothing.
    const earlier = [...(answering.get(socket) ?? [])].filter(({ req }) => req.complete);
    if (earlier.length === 0) return answer();
    let left = earlier.length;
    for (const { res } of earlier) {
      res.once("close", () => {
        if (--left === 0) answer();
      });
    }
  });
}
