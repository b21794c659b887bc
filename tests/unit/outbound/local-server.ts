import http, { type IncomingMessage, type ServerResponse } from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { mock } from "node:test";

export interface Received {
  method: string;
  url: string;
  rawHeaders: [string, string][];
  body: Buffer;
}

export interface LocalServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  received: Received[];
  close: () => Promise<void>;
}

type Handler = (request: Received, response: ServerResponse, raw: IncomingMessage) => void;

/** A real HTTP server on 127.0.0.1 that records every request it gets, body included. */
export async function startLocalServer(handler: Handler = (_, response) => response.end("ok")): Promise<LocalServer> {
  const received: Received[] = [];
  const server = http.createServer((raw, response) => {
    const chunks: Buffer[] = [];
    raw.on("data", (chunk: Buffer) => chunks.push(chunk));
    raw.on("end", () => {
      const request: Received = {
        method: raw.method ?? "",
        url: raw.url ?? "",
        rawHeaders: pairs(raw.rawHeaders),
        body: Buffer.concat(chunks),
      };
      received.push(request);
      handler(request, response, raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] ?? "", raw[i + 1] ?? ""]);
  return out;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "::ffff:7f00:1", "localhost"]);

/**
 * Stops any socket headed anywhere but loopback (or a *.test name, which only the tests' own
 * resolvers answer, with loopback addresses) and records it: if a refusal check ever regressed,
 * the test fails without a packet leaving the machine. Restored by mock.restoreAll().
 */
export function guardConnections(): string[] {
  const attempts: string[] = [];
  const original = net.Socket.prototype.connect;
  mock.method(net.Socket.prototype, "connect", function (this: net.Socket, ...args: unknown[]) {
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const host = typeof first === "object" && first !== null ? String((first as { host?: unknown }).host ?? "") : String(args[1] ?? "");
    if (LOOPBACK_HOSTS.has(host) || host.endsWith(".test")) {
      return (original as (...a: unknown[]) => net.Socket).apply(this, args);
    }
    attempts.push(host);
    process.nextTick(() => this.destroy(new Error(`test guard stopped a connection to ${host}`)));
    return this;
  });
  return attempts;
}
