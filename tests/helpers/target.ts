import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export interface Received {
  method: string;
  url: string;
  rawHeaders: [string, string][];
  body: Buffer;
  at: number;
}

export type TargetHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => unknown;

/**
 * A real HTTP server on 127.0.0.1 standing in for the developer's endpoint: it records every
 * request exactly as it arrived and answers as the test's handler says (200 "ok" by default).
 */
export async function startTarget(handler?: TargetHandler) {
  const received: Received[] = [];
  let current: TargetHandler | undefined = handler;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const pairs: [string, string][] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
      received.push({ method: req.method ?? "", url: req.url ?? "", rawHeaders: pairs, body, at: Date.now() });
      if (current) void current(req, res, body);
      else res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    received,
    setHandler(next: TargetHandler | undefined) {
      current = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function waitUntil<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
