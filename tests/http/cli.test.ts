import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import path from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { CreatedBin, DeliveryDetail, RequestDetail } from "@/lib/shared/api-types";
import { FORWARD_OPTIONS } from "@/cli/args";
import { parseBinLink } from "@/cli/link";
import { main } from "@/cli/main";
import { ROOT_DIR } from "../helpers/db";
import { spawnCli, type CliProcess } from "../helpers/cli";
import { authorized, createBin, sendRaw } from "../helpers/http";
import { freePort, startServer, type RunningServer } from "../helpers/server";
import { startTarget, waitUntil, type Received } from "../helpers/target";

// Framing and routing headers the sender sets itself; everything else must arrive as captured.
const SET_BY_SENDER = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive"]);

let server: RunningServer;
let target: Awaited<ReturnType<typeof startTarget>>;
const clis: Cli[] = [];

before(
  async () => {
    assert.ok(existsSync(path.join(ROOT_DIR, "dist", "cli.mjs")), "dist/cli.mjs is missing: run `npm run build` before the HTTP tests.");
    // One after the other: when the server fails to start, after() still closes the target (with
    // Promise.all it stayed open, unassigned, and the file never ended).
    target = await startTarget();
    server = await startServer();
  },
  { timeout: 40_000 },
);
after(
  async () => {
    clis.forEach((cli) => cli.child.exitCode === null && cli.child.kill("SIGKILL"));
    await server?.stop();
    await target?.close();
  },
  { timeout: 15_000 },
);

interface Cli extends CliProcess {
  /** stdout lines after the start-up line(s). */
  deliveryLines: () => string[];
}

function runCli(args: string[], env: Record<string, string> = {}): Cli {
  const spawned = spawnCli(args, env);
  const cli: Cli = {
    ...spawned,
    deliveryLines: () =>
      spawned
        .stdout()
        .split("\n")
        .filter((line) => /^\d\d:\d\d:\d\d\.\d{3}  /.test(line)),
  };
  clis.push(cli);
  return cli;
}

/**
 * Runs a command line in this process through main(), the function the binary runs, with the same
 * environment the binary would get: the answer depends on the arguments only, not on how long a
 * dozen Node processes take to start on a loaded machine.
 */
async function runMain(args: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const streams = { stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
  const code = await main(args, { ...process.env, HOOKSCOPE_TOKEN: "", ...env }, streams);
  return { code, stdout, stderr };
}

/** Runs the real binary to its end; a hang is caught by the test's own timeout. */
async function runToEnd(args: string[], env: Record<string, string> = {}) {
  const cli = runCli(args, env);
  const code = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

/** Starts `hookscope forward` and waits for its start-up line: from then on every capture is forwarded. */
async function startForward(link: string, to: string, extra: string[] = []): Promise<Cli> {
  const cli = runCli(["forward", link, "--to", to, ...extra]);
  await waitUntil(() => cli.stdout().includes("Forwarding new requests") || cli.child.exitCode !== null, 10_000, "the start-up line");
  assert.equal(cli.child.exitCode, null, `hookscope exited early:\n${cli.stdout()}\n${cli.stderr()}`);
  return cli;
}

async function stopForward(cli: Cli): Promise<void> {
  cli.child.kill("SIGINT");
  assert.equal(await cli.exited, 0, `Ctrl+C should exit 0:\n${cli.stderr()}`);
}

const ownerLink = (origin: string, bin: CreatedBin) => `${origin}/bins/${bin.id}#owner=${encodeURIComponent(bin.ownerToken)}`;

async function capture(bin: CreatedBin, subpath: string, init: RequestInit = {}): Promise<string> {
  const response = await fetch(`${bin.captureUrl}${subpath}`, init);
  assert.equal(response.status, 200);
  return response.headers.get("x-hookscope-request-id")!;
}

async function api<T>(s: RunningServer, bin: CreatedBin, apiPath: string): Promise<T> {
  const response = await fetch(`${s.url}/api/bins/${bin.id}${apiPath}`, authorized(bin.ownerToken));
  assert.equal(response.status, 200, apiPath);
  return (await response.json()) as T;
}

const deliveriesOf = (s: RunningServer, bin: CreatedBin, requestId: string) =>
  api<{ deliveries: DeliveryDetail[] }>(s, bin, `/requests/${requestId}/deliveries`).then((page) => page.deliveries);

function receivedAt(prefix: string): Received[] {
  return target.received.filter((r) => r.url.startsWith(prefix));
}

const forwardedHeaders = (pairs: [string, string][]) => pairs.filter(([name]) => !SET_BY_SENDER.has(name.toLowerCase()));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("help names every command and option", async () => {
  const [top, forward, helpForward] = await Promise.all([runMain(["--help"]), runMain(["forward", "--help"]), runMain(["help", "forward"])]);
  assert.equal(top.code, 0);
  for (const word of ["forward", "help", "--help", "--version"]) assert.ok(top.stdout.includes(word), `hookscope --help names ${word}`);
  assert.equal(forward.code, 0);
  for (const option of Object.keys(FORWARD_OPTIONS)) assert.ok(forward.stdout.includes(`--${option}`), `forward --help names --${option}`);
  for (const word of ["<link>", "#owner=", "HOOKSCOPE_TOKEN"]) assert.ok(forward.stdout.includes(word), `forward --help names ${word}`);
  assert.equal(helpForward.stdout, forward.stdout);
});

test("links: owner, share, inspect and capture forms name the bin; the token comes from the fragment", () => {
  assert.deepEqual(parseBinLink("https://hooks.example.com/bins/abc123#owner=t%2Fk"), {
    origin: "https://hooks.example.com",
    binId: "abc123",
    token: "t/k",
    tokenKind: "owner",
  });
  assert.deepEqual(parseBinLink("http://localhost:3000/bins/abc123"), { origin: "http://localhost:3000", binId: "abc123", token: null, tokenKind: null });
  assert.equal(parseBinLink("http://localhost:3000/bins/abc123#share=s").tokenKind, "share");
  assert.equal(parseBinLink("http://localhost:3000/h/abc123/stripe?x=1").binId, "abc123");
  for (const bad of ["abc123", "ftp://host/bins/abc", "http://host/other/abc", "http://host/bins/"]) {
    assert.throws(() => parseBinLink(bad), /not a Hookscope link/, bad);
  }
});

test("configuration mistakes stop it with one clear sentence and exit code 1", async () => {
  const bin = await createBin(server.url);
  const shareToken = decodeURIComponent(bin.shareUrl.split("#share=")[1]!);
  const cases: [string[], Record<string, string>, RegExp][] = [
    [["forward", "not-a-link", "--to", target.url], {}, /"not-a-link" is not a Hookscope link/],
    [["forward", `${server.url}/bins/${bin.id}`, "--to", target.url], {}, /No owner token/],
    [["forward", ownerLink(server.url, bin)], {}, /Missing --to/],
    [["forward", ownerLink(server.url, bin), "--to", "localhost:3000"], {}, /--to: Only http: and https:/],
    [["forward", ownerLink(server.url, bin), "--to", target.url, "--replay-last", "lots"], {}, /--replay-last must be a whole number/],
    [
      ["forward", `${server.url}/bins/${bin.id}#owner=wrong`, "--to", target.url],
      {},
      new RegExp(`Bin ${bin.id} was not found at ${escape(server.url)}, or the token is wrong`),
    ],
    [["forward", `${server.url}/bins/nosuchbin`, "--to", target.url], { HOOKSCOPE_TOKEN: bin.ownerToken }, /Bin nosuchbin was not found/],
    // Tokens are base64url: one starting with a dash is still a value, not an option.
    [["forward", `${server.url}/bins/${bin.id}`, "--token", "-wrong", "--to", target.url], {}, /was not found at .*, or the token is wrong/],
    [["forward", bin.shareUrl, "--to", target.url], {}, /That token can only read/],
    [["forward", `${server.url}/bins/${bin.id}`, "--token", shareToken, "--to", target.url], {}, /That token can only read/],
    [
      ["forward", `http://127.0.0.1:${await freePort()}/bins/${bin.id}#owner=x`, "--to", target.url],
      {},
      /Cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/,
    ],
    [["frobnicate"], {}, /Unknown command "frobnicate"/],
  ];
  await Promise.all(
    cases.map(async ([args, env, expected]) => {
      const run = await runMain(args, env);
      assert.equal(run.code, 1, `${args.join(" ")}\n${run.stderr}`);
      assert.match(run.stderr, expected, args.join(" "));
      assert.equal(run.stderr.trim().split("\n").length, 1, `one line: ${run.stderr}`);
      assert.equal(run.stdout, "");
    }),
  );
});

test("the hookscope binary exits with main's code and prints what main printed, nothing more", { timeout: 60_000 }, async () => {
  const [help, mistake] = await Promise.all([runToEnd(["--help"]), runToEnd(["forward", "not-a-link", "--to", target.url])]);
  assert.equal(help.code, 0, help.stderr);
  assert.equal(help.stdout, (await runMain(["--help"])).stdout);
  assert.equal(help.stderr, "");
  assert.equal(mistake.code, 1, mistake.stderr);
  assert.equal(mistake.stdout, "");
  assert.equal(mistake.stderr, (await runMain(["forward", "not-a-link", "--to", target.url])).stderr);
});

test("every new capture reaches the target byte-exact, in order, with subpath, query and headers, and is reported back", { timeout: 20_000 }, async () => {
  const bin = await createBin(server.url);
  await capture(bin, "/before-start", { method: "POST", body: "old" });
  const cli = await startForward(ownerLink(server.url, bin), `${target.url}/local`, ["--timeout", "5"]);

  // Raw bytes: the only way to pin header case, order and duplicates.
  const rawBody = randomBytes(64 * 1024);
  const head =
    `POST /h/${bin.id}/github/push?delivery=1&x=%20y HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
    `X-GitHub-Event: push\r\nx-dup: one\r\nX-Dup: two\r\nContent-Type: application/octet-stream\r\n` +
    `Content-Length: ${rawBody.length}\r\nConnection: close\r\n\r\n`;
  const rawAnswer = await sendRaw(server.port, Buffer.concat([Buffer.from(head), rawBody]));
  assert.equal(rawAnswer.status, 200);
  const rawId = /x-hookscope-request-id: (\w+)/i.exec(rawAnswer.head)![1]!;

  const sent = [
    { method: "PUT", subpath: "/stripe/events", query: "a=1&b=%2F", body: randomBytes(3000) },
    { method: "PATCH", subpath: "", query: "", body: Buffer.from([0, 255, 13, 10]) },
    { method: "DELETE", subpath: "/items/7", query: "force", body: Buffer.alloc(0) },
    { method: "GET", subpath: "/", query: "ping=1", body: Buffer.alloc(0) },
  ];
  const ids = [rawId];
  for (const request of sent) {
    ids.push(
      await capture(bin, `${request.subpath}${request.query ? `?${request.query}` : ""}`, {
        method: request.method,
        headers: { "X-Signature": `sig-${request.method}`, "Content-Type": "application/octet-stream" },
        body: request.method === "GET" || request.method === "DELETE" ? undefined : request.body,
      }),
    );
  }
  const expectedUrls = ["/local/github/push?delivery=1&x=%20y", "/local/stripe/events?a=1&b=%2F", "/local", "/local/items/7?force", "/local/?ping=1"];
  await waitUntil(() => cli.deliveryLines().length >= 5, 10_000, "five deliveries");
  const got = target.received.filter((r) => expectedUrls.includes(r.url));
  assert.deepEqual(
    got.map((r) => r.url),
    expectedUrls,
    "in capture order, each once",
  );
  assert.equal(receivedAt("/local/before-start").length, 0, "only requests captured after the start are forwarded");

  assert.equal(got[0]!.method, "POST");
  assert.ok(got[0]!.body.equals(rawBody), "binary body byte-exact");
  sent.forEach((request, i) => {
    assert.equal(got[i + 1]!.method, request.method);
    assert.ok(got[i + 1]!.body.equals(request.body), `${request.method} body byte-exact`);
  });
  for (const [i, id] of ids.entries()) {
    const detail = await api<RequestDetail>(server, bin, `/requests/${id}`);
    assert.deepEqual(forwardedHeaders(got[i]!.rawHeaders), forwardedHeaders(detail.headers), `${detail.method}: captured headers, in order`);
    assert.deepEqual(
      got[i]!.rawHeaders.find(([name]) => name.toLowerCase() === "host"),
      [i === 0 ? "Host" : "host", `127.0.0.1:${target.port}`],
    );
  }
  assert.deepEqual(
    got[0]!.rawHeaders.filter(([name]) => name.toLowerCase() === "x-dup"),
    [
      ["x-dup", "one"],
      ["X-Dup", "two"],
    ],
  );

  const lines = cli.deliveryLines();
  assert.equal(lines.length, 5, lines.join("\n"));
  const shown = ["POST /github/push?delivery=1&x=%20y", "PUT /stripe/events?a=1&b=%2F", "PATCH /", "DELETE /items/7?force", "GET /?ping=1"];
  shown.forEach((expected, i) => {
    const [method, shownPath] = expected.split(" ") as [string, string];
    assert.match(lines[i]!, new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  ${method} +${escape(shownPath)}  → 200  \\d+ ms  [\\d.]+ (B|KB)$`));
  });

  for (const [i, id] of ids.entries()) {
    const deliveries = await waitUntil(
      async () => {
        const list = await deliveriesOf(server, bin, id);
        return list.length > 0 && list;
      },
      5000,
      "the report",
    );
    assert.equal(deliveries.length, 1);
    assert.equal(deliveries[0]!.kind, "cli");
    assert.equal(deliveries[0]!.status, "succeeded");
    assert.equal(deliveries[0]!.targetUrl, `${target.url}${expectedUrls[i]}`);
    assert.equal(deliveries[0]!.attemptLog[0]?.status, 200);
  }
  await stopForward(cli);
});

test("a target error and a target that is down are shown and reported as such", { timeout: 20_000 }, async () => {
  const bin = await createBin(server.url);
  target.setHandler((_req, res) => {
    res.statusCode = 503;
    res.end("busy");
  });
  const cli = await startForward(ownerLink(server.url, bin), `${target.url}/failing`);
  const busyId = await capture(bin, "/x", { method: "POST", body: "a" });
  await waitUntil(() => cli.deliveryLines().length >= 1, 5000, "the 503 line");
  target.setHandler(undefined);
  assert.match(cli.deliveryLines()[0]!, /POST +\/x  → 503  \d+ ms  1 B$/);
  await stopForward(cli);

  const downPort = await freePort();
  const down = await startForward(ownerLink(server.url, bin), `http://127.0.0.1:${downPort}/hooks`, ["--retry-for", "0"]);
  const downId = await capture(bin, "/y", { method: "POST", body: "b" });
  await waitUntil(() => down.deliveryLines().length >= 1, 5000, "the refused line");
  assert.match(down.deliveryLines()[0]!, /POST +\/y  → failed: 127\.0\.0\.1:\d+ refused the connection \(ECONNREFUSED\) \(target down\?\)  \d+ ms  1 B$/);
  await stopForward(down);

  const [busy] = await deliveriesOf(server, bin, busyId);
  assert.equal(busy?.status, "dead");
  assert.equal(busy?.attemptLog[0]?.status, 503);
  const [refused] = await deliveriesOf(server, bin, downId);
  assert.equal(refused?.attemptLog[0]?.error?.code, "connection_refused");
  assert.equal(refused?.targetUrl, `http://127.0.0.1:${downPort}/hooks/y`);
});

/** A TCP relay in front of the server whose connections can be cut, as a flaky network would. */
async function startRelay(port: number) {
  const sockets = new Set<Socket>();
  let open = true;
  const relay = createServer((client) => {
    if (!open) return void client.destroy();
    const upstream = connect(port, "127.0.0.1");
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", drop).on("close", drop);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const address = relay.address();
  return {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    cut() {
      open = false;
      sockets.forEach((socket) => socket.destroy());
    },
    restore() {
      open = true;
    },
    close: () => new Promise<void>((resolve) => relay.close(() => resolve())),
  };
}

test("requests captured while the connection is down are forwarded after it comes back: none lost, none twice", { timeout: 20_000 }, async () => {
  const bin = await createBin(server.url);
  const relay = await startRelay(server.port);
  const cli = await startForward(ownerLink(relay.url, bin), `${target.url}/drop`);
  try {
    await capture(bin, "/1", { method: "POST", body: "1" });
    await capture(bin, "/2", { method: "POST", body: "2" });
    await waitUntil(() => receivedAt("/drop/").length === 2, 5000, "the first two");

    relay.cut();
    await waitUntil(() => cli.stderr().includes("Lost the connection"), 5000, "the drop notice");
    for (const n of [3, 4, 5]) await capture(bin, `/${n}`, { method: "PUT", body: randomBytes(100) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(receivedAt("/drop/").length, 2, "nothing can arrive while cut off");
    relay.restore();

    await waitUntil(() => receivedAt("/drop/").length >= 5, 10_000, "the three missed");
    await capture(bin, "/6", { method: "POST", body: "6" });
    await waitUntil(() => receivedAt("/drop/").length >= 6, 5000, "a live one after the reconnect");
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(
      receivedAt("/drop/").map((r) => r.url),
      ["/drop/1", "/drop/2", "/drop/3", "/drop/4", "/drop/5", "/drop/6"],
    );
    assert.match(cli.stderr(), /Connected again after [\d.]+ s; catching up on what arrived meanwhile/);
    assert.equal(cli.deliveryLines().length, 6);
  } finally {
    await stopForward(cli);
    await relay.close();
  }
});

test("--replay-last N re-sends the last N captures first, oldest first, then forwards new ones", { timeout: 20_000 }, async () => {
  const bin = await createBin(server.url);
  for (const n of [1, 2, 3, 4, 5]) await capture(bin, `/${n}`, { method: "POST", body: `body ${n}` });
  const cli = await startForward(ownerLink(server.url, bin), `${target.url}/replay`, ["--replay-last", "3"]);
  await waitUntil(() => cli.stdout().includes("Re-sending the last 3 captures first."), 2000, "the replay notice");
  await capture(bin, "/6", { method: "POST", body: "body 6" });
  await waitUntil(() => receivedAt("/replay/").length >= 4, 5000, "three replays and one new");
  await new Promise((resolve) => setTimeout(resolve, 200));
  const got = receivedAt("/replay/");
  assert.deepEqual(
    got.map((r) => r.url),
    ["/replay/3", "/replay/4", "/replay/5", "/replay/6"],
  );
  assert.deepEqual(
    got.map((r) => r.body.toString()),
    ["body 3", "body 4", "body 5", "body 6"],
  );
  assert.equal(cli.deliveryLines().length, 4);
  await stopForward(cli);
});

test("across a server restart on the same port and database, every request is forwarded exactly once", { timeout: 45_000 }, async () => {
  const bin = await createBin(server.url);
  const cli = await startForward(ownerLink(server.url, bin), `${target.url}/restart`);
  const ids = [await capture(bin, "/a", { method: "POST", body: "a" })];
  await waitUntil(() => receivedAt("/restart/").length === 1, 5000, "the first");

  await server.stop();
  server = await startServer({}, { port: server.port, databaseUrl: server.databaseUrl });
  // Captured at once: most likely before the CLI has reconnected, so they come as `missed`.
  for (const n of ["b", "c", "d"]) ids.push(await capture(bin, `/${n}`, { method: "PATCH", body: n }));

  await waitUntil(() => receivedAt("/restart/").length >= 4, 10_000, "the three after the restart");
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(
    receivedAt("/restart/").map((r) => r.url),
    ["/restart/a", "/restart/b", "/restart/c", "/restart/d"],
  );
  for (const id of ids) {
    const deliveries = await waitUntil(
      async () => {
        const list = await deliveriesOf(server, bin, id);
        return list.length > 0 && list;
      },
      5000,
      "the report",
    );
    assert.deepEqual(
      deliveries.map((d) => [d.kind, d.status]),
      [["cli", "succeeded"]],
    );
  }
  await stopForward(cli);
});
