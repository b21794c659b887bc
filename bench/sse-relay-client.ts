// The forwarding baseline's client (bench/forward.ts), in the design of smee-client: reads the relay's
// event stream with a plain node:http GET and re-sends each event to the target with fetch() as
// soon as it arrives, without waiting for the previous one. Prints "Forwarding …" once the stream
// is open; delivery failures go to stderr. It exits 1 when the stream ends (a bench cannot tell a
// reconnect's gap from a loss, so it does not reconnect).
// Settings (env): RELAY_URL (http://127.0.0.1:<port>/<channel>), TARGET_URL (required).
import { get } from "node:http";

const relayUrl = process.env.RELAY_URL ?? "";
const targetUrl = (process.env.TARGET_URL ?? "").replace(/\/+$/, "");
if (!relayUrl || !targetUrl) {
  console.error("sse-relay-client: RELAY_URL and TARGET_URL are required");
  process.exit(2);
}

// What fetch sets itself, or what describes the relay's connection rather than the webhook.
const DROPPED = new Set(["host", "content-length", "connection", "keep-alive", "transfer-encoding", "upgrade", "expect", "te", "trailer"]);

interface RelayedRequest {
  method: string;
  path: string;
  headers: [string, string][];
  body: string;
}

let failures = 0;

function forward(event: RelayedRequest): void {
  const body = Buffer.from(event.body, "base64");
  const bodyless = event.method === "GET" || event.method === "HEAD";
  fetch(targetUrl + event.path, {
    method: event.method,
    headers: event.headers.filter(([name]) => !DROPPED.has(name.toLowerCase())),
    body: bodyless || body.length === 0 ? undefined : body,
  })
    .then((response) => response.arrayBuffer())
    .catch((error: unknown) => {
      failures++;
      console.error(
        `delivery failed (${failures} so far): ${error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error)}`,
      );
    });
}

function onEvent(type: string, data: string): void {
  if (type === "ready") console.log(`Forwarding ${relayUrl} to ${targetUrl}`);
  else if (type === "message" && data !== "") forward(JSON.parse(data) as RelayedRequest);
}

const request = get(relayUrl, { headers: { Accept: "text/event-stream" } }, (response) => {
  if (response.statusCode !== 200) {
    console.error(`sse-relay-client: the relay answered ${response.statusCode}`);
    process.exit(1);
  }
  response.setEncoding("utf8");
  let buffer = "";
  response.on("data", (chunk: string) => {
    buffer += chunk;
    let start = 0;
    let end: number;
    while ((end = buffer.indexOf("\n\n", start)) !== -1) {
      const block = buffer.slice(start, end);
      start = end + 2;
      let type = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("data:")) data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
        else if (line.startsWith("event:")) type = line.slice(6).trim();
      }
      onEvent(type, data.join("\n"));
    }
    buffer = buffer.slice(start);
  });
  response.on("end", () => {
    console.error("sse-relay-client: the event stream ended");
    process.exit(1);
  });
});
request.on("error", (error) => {
  console.error(`sse-relay-client: ${error.message}`);
  process.exit(1);
});

process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
