// The ceiling the capture path is measured against: plain node:http that reads the whole body and
// answers, storing nothing. What one Node process can answer at all on this machine, so
// Hookscope's rate divided by this one is the share its own work (storage included) leaves.
// Started by bench/capture.ts as its own process, like the baselines.
import { createServer } from "node:http";

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error("bare-server: PORT is required");
  process.exit(2);
}

const server = createServer((req, res) => {
  if (req.url === "/health") {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("ok");
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const payload = JSON.stringify({ ok: true, bytes: body.length });
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(payload) });
    res.end(payload);
  });
});
server.listen(port, "127.0.0.1");
const shutdown = () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
