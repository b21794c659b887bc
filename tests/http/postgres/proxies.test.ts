// The shipped proxy configurations (deploy/Caddyfile, used by compose.yaml, and deploy/nginx.conf)
// run for real in front of two instances sharing PostgreSQL: captures, live events over WebSocket and
// the forward CLI's stream all pass through them, unbuffered, with the sender's address kept.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, CreatedBin, RequestSummary, ServerToClientEvents } from "@/lib/shared/api-types";
import { ROOT_DIR } from "../../helpers/db";
import { authorized } from "../../helpers/http";
import { freePort, startServer, type RunningServer } from "../../helpers/server";
import { tempDir } from "../../helpers/temp";
import { waitUntil } from "../../helpers/target";

interface Proxy {
  origin: string;
  child: ChildProcess;
  output: () => string;
}

const PROXIES = {
  /** Caddy reads deploy/Caddyfile as compose.yaml mounts it; its environment variables point it here. */
  caddy: (port: number, upstreams: string[], dir: string) =>
    spawn("caddy", ["run", "--config", path.join(ROOT_DIR, "deploy", "Caddyfile"), "--adapter", "caddyfile"], {
      env: { ...process.env, HOOKSCOPE_SITE: `http://127.0.0.1:${port}`, HOOKSCOPE_UPSTREAMS: upstreams.join(" "), XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  /** nginx includes deploy/nginx.conf inside http { } as its comment says, with the example addresses replaced. */
  nginx: (port: number, upstreams: string[], dir: string) => {
    const snippet = readFileSync(path.join(ROOT_DIR, "deploy", "nginx.conf"), "utf8")
      .replace("server 127.0.0.1:3001;", `server ${upstreams[0]};`)
      .replace("server 127.0.0.1:3002;", `server ${upstreams[1]};`)
      .replace("listen 8080;", `listen 127.0.0.1:${port};`);
    assert.ok(snippet.includes(upstreams[1]!) && snippet.includes(`:${port};`), "the example addresses were found in deploy/nginx.conf");
    writeFileSync(path.join(dir, "hookscope.conf"), snippet);
    writeFileSync(path.join(dir, "nginx.conf"), `events {}\nhttp {\n  access_log off;\n  include ${path.join(dir, "hookscope.conf")};\n}\n`);
    return spawn("nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", "stderr", "-g", `daemon off; pid ${path.join(dir, "nginx.pid")};`], {
      stdio: ["ignore", "pipe", "pipe"],
    });
  },
};

let a: RunningServer;
let b: RunningServer;
const publicPorts = new Map<string, number>();
const sockets: Socket[] = [];

before(async () => {
  for (const name of Object.keys(PROXIES)) publicPorts.set(name, await freePort());
  // No PUBLIC_URL: with TRUST_PROXY the links follow X-Forwarded-Host, so each proxy gets its own.
  a = await startServer({ TRUST_PROXY: "1" });
  b = await startServer({ TRUST_PROXY: "1" }, { databaseUrl: a.databaseUrl });
});
after(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await Promise.all([a?.stop(), b?.stop()]);
});

for (const [name, start] of Object.entries(PROXIES)) {
  describe(`${name} in front of two instances`, () => {
    let proxy: Proxy;

    before(async () => {
      const dir = tempDir(`proxy-${name}`);
      mkdirSync(path.join(dir, "logs"), { recursive: true });
      const port = publicPorts.get(name)!;
      const child = start(port, [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`], dir);
      let output = "";
      child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      proxy = { origin: `http://127.0.0.1:${port}`, child, output: () => output };
      await waitUntil(
        async () => {
          if (child.exitCode !== null) throw new Error(`${name} exited:\n${output}`);
          return (await fetch(`${proxy.origin}/api/health`).catch(() => null))?.status === 200;
        },
        20_000,
        `${name} answering through to Hookscope`,
      );
    });
    after(async () => {
      await new Promise<void>((resolve) => {
        if (proxy.child.exitCode !== null) return resolve();
        proxy.child.once("exit", () => resolve());
        proxy.child.kill("SIGTERM");
      });
    });

    test("a capture through the proxy is live over WebSocket, byte-exact, from the real sender's address", async () => {
      const created = await fetch(`${proxy.origin}/api/bins`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      assert.equal(created.status, 201);
      const bin = (await created.json()) as CreatedBin;
      assert.ok(bin.captureUrl.startsWith(`${proxy.origin}/h/`), `links name the proxy (X-Forwarded-Host): ${bin.captureUrl}`);

      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(proxy.origin, { transports: ["websocket"], reconnection: false });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      assert.equal((await socket.timeout(5000).emitWithAck("bin:join", { binId: bin.id, token: bin.ownerToken, after: null })).ok, true);
      const live: RequestSummary[] = [];
      socket.on("request:new", (summary) => live.push(summary));

      const body = Buffer.from([0x7b, 0x22, 0xe9, 0x00, 0xff, 0x22, 0x7d]);
      // A forged first hop: with TRUST_PROXY only the address the proxy adds counts.
      const captured = await fetch(`${bin.captureUrl}/through-${name}?q=1`, { method: "POST", headers: { "x-forwarded-for": "203.0.113.9" }, body });
      assert.equal(captured.status, 200);
      const id = captured.headers.get("x-hookscope-request-id");
      const seen = await waitUntil(() => live.find((summary) => summary.id === id), 10_000, "the live event through the proxy");
      assert.equal(seen.path, `/through-${name}`);
      assert.equal(seen.remoteAddress, "127.0.0.1", "the sender as the proxy saw it, not the forged X-Forwarded-For");
      const raw = await fetch(`${proxy.origin}/api/bins/${bin.id}/requests/${id}/raw`, authorized(bin.ownerToken));
      assert.deepEqual(Buffer.from(await raw.arrayBuffer()), body);
    });

    test("the forward stream's frames pass through at once, not when a buffer fills", async () => {
      const created = await fetch(`${proxy.origin}/api/bins`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const bin = (await created.json()) as CreatedBin;
      const stream = await fetch(`${proxy.origin}/api/bins/${bin.id}/forwarders/through-proxy/stream`, authorized(bin.ownerToken));
      assert.equal(stream.status, 200);
      const reader = stream.body!.getReader();
      let received = "";
      const read = async (until: string) => {
        while (!received.includes(until)) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`stream ended before ${until}`);
          received += Buffer.from(value).toString("latin1");
        }
      };
      await read('"hello"');
      const captured = await fetch(`${bin.captureUrl}/streamed`, { method: "POST", body: "small" });
      const id = captured.headers.get("x-hookscope-request-id")!;
      // A buffering proxy would hold this small frame until pings filled its buffer: far past the deadline.
      await Promise.race([
        read(id),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`${name} held the frame back: ${received.length} bytes so far`)), 10_000).unref()),
      ]);
      await reader.cancel();
    });
  });
}
