// The forwarding baseline's server (bench/forward.ts): a minimal server-sent-events relay in the
// design of smee's server, written for the bench. Any request to /<channel>[/<subpath>] is answered
// 200 at once and pushed, as one event, to every `GET /<channel>` listener (Accept:
// text/event-stream); nothing is stored, so a request sent while no listener is connected is gone.
// Settings (env): PORT (required). GET /health answers 200.
import { createServer, type ServerResponse } from "node:http";

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error("sse-relay-server: PORT is required");
  process.exit(2);
}

const listeners = new Map<string, Set<ServerResponse>>();
let nextEventId = 0;

const server = createServer((req, res) => {
  const url = req.url ?? "/";
  if (url === "/health") return void res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
  const match = /^\/([^/?]+)(.*)$/.exec(url);
  if (!match) return void res.writeHead(404).end();
  const channel = match[1]!;
  if (req.method === "GET" && (req.headers.accept ?? "").includes("text/event-stream")) {
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", Connection: "keep-alive" });
    res.write("event: ready\ndata: {}\n\n");
    const set = listeners.get(channel) ?? new Set<ServerResponse>();
    listeners.set(channel, set);
    set.add(res);
    // A comment now and then keeps proxies from closing an idle stream (smee pings too).
    const ping = setInterval(() => res.write(":ping\n\n"), 20_000);
    res.on("close", () => {
      clearInterval(ping);
      set.delete(res);
    });
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const headers: [string, string][] = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
    const event = JSON.stringify({ method: req.method, path: match[2] ?? "", headers, body: Buffer.concat(chunks).toString("base64") });
    const frame = `id: ${++nextEventId}\ndata: ${event}\n\n`;
    for (const listener of listeners.get(channel) ?? []) listener.write(frame);
    res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": "2" }).end("ok");
  });
});

server.listen(port, "127.0.0.1");

function shutdown(): void {
  server.close();
  server.closeAllConnections();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
