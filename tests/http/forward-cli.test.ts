// The forwarder's promises, end to end with the real CLI, server and a local target: bodies of any
// size byte-exact, nothing lost across SIGTERM/SIGKILL restarts, nothing pruned unreported,
// the local app's answer relayed to the sender, several bins and routes, idempotent reports.
import type { ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { CreatedBin, DeliveryDetail, ForwarderInfo } from "@/lib/shared/api-types";
import { spawnCli, type CliProcess } from "../helpers/cli";
import { authorized, createBin } from "../helpers/http";
import { freePort, startServer, type RunningServer } from "../helpers/server";
import { startTarget, waitUntil, type Received } from "../helpers/target";
import { verifyRequest } from "@/lib/server/signatures";

const MiB = 1024 * 1024;
// A small retention limit and backlog cap, so a burst of a few hundred crosses both.
const KEEP = 40;
const BACKLOG_CAP = 100;

let server: RunningServer;
let target: Awaited<ReturnType<typeof startTarget>>;
const children: ChildProcess[] = [];

before(
  async () => {
    [server, target] = await Promise.all([
      startServer({ BIN_MAX_REQUESTS: String(KEEP), FORWARD_BACKLOG_MAX: String(BACKLOG_CAP), RATE_LIMIT_PER_BIN: "0", RATE_LIMIT_PER_ADDRESS: "0" }),
      startTarget(),
    ]);
  },
  { timeout: 40_000 },
);
after(
  async () => {
    children.forEach((child) => child.exitCode === null && child.kill("SIGKILL"));
    await server?.stop();
    await target?.close();
  },
  { timeout: 15_000 },
);

async function forward(args: string[]): Promise<CliProcess> {
  const cli = spawnCli(["forward", ...args]);
  children.push(cli.child);
  await waitUntil(() => cli.stdout().includes("Forwarding new requests") || cli.child.exitCode !== null, 15_000, "the start-up line");
  assert.equal(cli.child.exitCode, null, `hookscope exited early:\n${cli.stdout()}\n${cli.stderr()}`);
  return cli;
}

const ownerLink = (bin: CreatedBin) => `${server.url}/bins/${bin.id}#owner=${encodeURIComponent(bin.ownerToken)}`;
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const arrivedAt = (prefix: string): Received[] => target.received.filter((r) => r.url.startsWith(prefix));

async function capture(bin: CreatedBin, subpath: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${bin.captureUrl}${subpath}`, { method: "POST", body: typeof body === "string" ? body : new Uint8Array(body), headers });
}

async function forwarders(bin: CreatedBin): Promise<ForwarderInfo[]> {
  const response = await fetch(`${server.url}/api/bins/${bin.id}/forwarders`, authorized(bin.ownerToken));
  assert.equal(response.status, 200);
  return ((await response.json()) as { forwarders: ForwarderInfo[] }).forwarders;
}

async function stop(cli: CliProcess, signal: NodeJS.Signals): Promise<void> {
  cli.child.kill(signal);
  await cli.exited;
}

test("bodies of 0 B, 2 MiB + 1, 10 MiB (the limit) and binary bytes arrive byte-exact", { timeout: 60_000 }, async () => {
  const bin = await createBin(server.url);
  const cli = await forward([ownerLink(bin), "--to", `${target.url}/sizes`]);
  const bodies = [Buffer.alloc(0), randomBytes(2 * MiB + 1), randomBytes(10 * MiB), Buffer.from([0, 1, 2, 0xff, 0xfe, 13, 10, 0])];
  for (const [i, body] of bodies.entries()) {
    const response = await capture(bin, `/${i}`, body, { "Content-Type": "application/octet-stream" });
    assert.equal(response.status, 200, `body ${i} captured`);
  }
  await waitUntil(() => arrivedAt("/sizes/").length >= bodies.length, 30_000, "every body");
  assert.deepEqual(
    arrivedAt("/sizes/").map((r) => [r.url, r.body.length, sha256(r.body)]),
    bodies.map((body, i) => [`/sizes/${i}`, body.length, sha256(body)]),
  );
  await stop(cli, "SIGINT");
  assert.match(cli.stdout(), /4 delivered .*4 answered below 400/);
});

/** Captures `count` requests numbered from `first`, a few at a time, and returns when all got their answer. */
async function sendNumbered(bin: CreatedBin, prefix: string, first: number, count: number): Promise<void> {
  for (let n = first; n < first + count; n += 5) {
    const batch = Array.from({ length: Math.min(5, first + count - n) }, (_, k) => capture(bin, `${prefix}${n + k}`, `{"n":${n + k}}`));
    for (const response of await Promise.all(batch)) assert.equal(response.status, 200);
  }
}

function countsByUrl(prefix: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of arrivedAt(prefix)) counts.set(r.url, (counts.get(r.url) ?? 0) + 1);
  return counts;
}

for (const signal of ["SIGTERM", "SIGKILL"] as const) {
  test(
    `stopped by ${signal} mid-stream and started again with the same command: nothing lost${signal === "SIGTERM" ? ", nothing twice" : ", repeats only of what was delivered just before the kill"}`,
    { timeout: 60_000 },
    async () => {
      const bin = await createBin(server.url);
      const prefix = `/${signal.toLowerCase()}/`;
      const args = [ownerLink(bin), "--to", target.url];
      // A slow app keeps deliveries in flight, so the signal lands in the middle of the stream.
      target.setHandler((_req, res) => setTimeout(() => res.end("ok"), 3));
      try {
        let cli = await forward(args);
        const sending = sendNumbered(bin, prefix, 0, 150);
        await waitUntil(() => arrivedAt(prefix).length >= 40, 20_000, "some deliveries before the signal");
        const killedAt = Date.now();
        await stop(cli, signal);
        await sending;
        cli = await forward(args);
        await sendNumbered(bin, prefix, 150, 30);
        await waitUntil(() => countsByUrl(prefix).size >= 180, 30_000, "every capture, after the restart");
        const counts = countsByUrl(prefix);
        for (let n = 0; n < 180; n++) assert.ok(counts.has(`${prefix}${n}`), `capture ${n} arrived`);
        const repeated = [...counts].filter(([, times]) => times > 1).map(([url]) => url);
        if (signal === "SIGTERM") {
          assert.deepEqual(repeated, [], "a clean stop delivers nothing twice");
        } else {
          // Only what was delivered in the last moments before the kill, whose reports had not reached the server.
          for (const url of repeated) {
            const first = arrivedAt(prefix).find((r) => r.url === url)!;
            assert.ok(first.at >= killedAt - 1000, `${url} was repeated although it was delivered ${killedAt - first.at} ms before the kill`);
            assert.equal(counts.get(url), 2, `${url} at most twice`);
          }
        }
        await stop(cli, "SIGINT");
        const [info] = await forwarders(bin);
        assert.equal(info?.backlog, 0, "the cursor reached the end");
      } finally {
        target.setHandler(undefined);
      }
    },
  );
}

test(
  "a burst past the bin's retention limit: the forwarder's backlog is kept up to the cap, and what the cap drops is reported",
  { timeout: 60_000 },
  async () => {
    const bin = await createBin(server.url);
    const name = "burst";
    const args = [ownerLink(bin), "--to", `${target.url}/burst`, "--name", name];
    let cli = await forward(args);
    // Within the cap: KEEP + BACKLOG_CAP captures while the forwarder is away all survive.
    await stop(cli, "SIGTERM");
    await sendNumbered(bin, "/kept/", 0, KEEP + BACKLOG_CAP);
    cli = await forward(args);
    await waitUntil(() => arrivedAt("/burst/kept/").length >= KEEP + BACKLOG_CAP, 20_000, "every kept capture");
    assert.equal(new Set(arrivedAt("/burst/kept/").map((r) => r.url)).size, KEEP + BACKLOG_CAP, "none pruned although the bin keeps only 40");
    await stop(cli, "SIGTERM");

    // Past the cap: the oldest undelivered go, and the forwarder is told how many.
    const sent = KEEP + BACKLOG_CAP + 60;
    await sendNumbered(bin, "/over/", 0, sent);
    const [away] = await waitUntil(
      async () => {
        const list = await forwarders(bin);
        return (list[0]?.dropped ?? 0) > 0 && list;
      },
      10_000,
      "the drop to be recorded",
    );
    assert.ok(away);
    cli = await forward(args);
    // Prunes run after each commit, so the count may still grow a little after the first drop.
    const dropped = await waitUntil(
      async () => {
        const total = (await forwarders(bin))[0]?.dropped ?? 0;
        return new Set(arrivedAt("/burst/over/").map((r) => r.url)).size + total >= sent && total;
      },
      20_000,
      "every capture delivered or counted as dropped",
    );
    await stop(cli, "SIGINT");
    const delivered = new Set(arrivedAt("/burst/over/").map((r) => r.url));
    assert.equal(delivered.size + dropped, sent, "every capture was delivered or counted as dropped, none both");
    assert.ok(delivered.has(`/burst/over/${sent - 1}`), "the newest are the ones kept");
    assert.match(cli.stderr(), new RegExp(`retention has removed \\d+ captures? before "${name}" delivered them`));
    const page = (await (await fetch(`${server.url}/api/bins/${bin.id}/forwarders`, authorized(bin.ownerToken))).json()) as {
      undeliveredDropped: { count: number };
    };
    assert.equal(page.undeliveredDropped.count, dropped, "the bin shows the drop too");
  },
);

test("--respond: the sender gets the local app's status, headers and body; 504 when the app is too slow", { timeout: 30_000 }, async () => {
  const bin = await createBin(server.url);
  target.setHandler((req, res, body) => {
    if (req.url?.includes("/slow")) return setTimeout(() => res.end("late"), 3000);
    res.writeHead(201, { "Content-Type": "application/xml", "X-Local": "yes" });
    res.end(`<Response><Message>got ${body.length} bytes</Message></Response>`);
  });
  const cli = await forward([ownerLink(bin), "--to", `${target.url}/twiml`, "--respond", "--respond-timeout", "1"]);
  try {
    const answered = await capture(bin, "/sms", "Body=hello");
    assert.equal(answered.status, 201);
    assert.equal(answered.headers.get("x-local"), "yes");
    assert.equal(answered.headers.get("content-type"), "application/xml");
    assert.ok(answered.headers.get("x-hookscope-request-id"));
    assert.equal(await answered.text(), "<Response><Message>got 10 bytes</Message></Response>");

    const late = await capture(bin, "/slow", "x");
    assert.equal(late.status, 504);
    assert.match(((await late.json()) as { error: { message: string } }).error.message, /did not report its local answer within 1 s/);
  } finally {
    target.setHandler(undefined);
    await stop(cli, "SIGINT");
  }
  // Once the CLI is gone, the bin answers as configured again.
  const plain = await capture(bin, "/after", "x");
  assert.equal(plain.status, 200);
});

test("several bins and path routes in one CLI, one line per delivery labelled by bin", { timeout: 30_000 }, async () => {
  const [a, b] = await Promise.all([createBin(server.url), createBin(server.url)]);
  const cli = await forward([
    ownerLink(a),
    ownerLink(b),
    "--route",
    `/stripe/*=${target.url}/routes/stripe`,
    "--route",
    `/github=${target.url}/routes/gh`,
    "--to",
    `${target.url}/routes/rest`,
  ]);
  await capture(a, "/stripe/events?x=1", "s");
  await capture(b, "/github", "g");
  await capture(b, "/other/thing", "o");
  await waitUntil(() => arrivedAt("/routes/").length >= 3, 10_000, "three deliveries");
  assert.deepEqual(
    arrivedAt("/routes/")
      .map((r) => r.url)
      .sort(),
    ["/routes/gh", "/routes/rest/other/thing", "/routes/stripe/events?x=1"],
  );
  await stop(cli, "SIGINT");
  assert.match(cli.stdout(), new RegExp(`\\[${a.id}\\] \\d\\d:\\d\\d:\\d\\d\\.\\d{3}  POST +/stripe/events\\?x=1  → 200`));
  assert.match(cli.stdout(), new RegExp(`\\[${b.id}\\] .*POST +/github  → 200`));
});

test("a report batch sent twice is stored once, and the cursor only moves forward", { timeout: 30_000 }, async () => {
  const bin = await createBin(server.url);
  const cli = await forward([ownerLink(bin), "--to", `${target.url}/twice`, "--name", "twice"]);
  const id = (await capture(bin, "/one", "1")).headers.get("x-hookscope-request-id")!;
  await waitUntil(() => arrivedAt("/twice/").length >= 1, 10_000, "the delivery");
  await stop(cli, "SIGINT");
  const [info] = await forwarders(bin);
  const batch = {
    cursor: 0,
    reports: [{ key: `cli-${info!.id}-${id}`, requestId: id, kind: "capture", targetUrl: "http://x/", status: 500, durationMs: 1, error: null }],
  };
  for (let i = 0; i < 2; i++) {
    const response = await fetch(`${server.url}/api/bins/${bin.id}/forwarders/twice/reports`, {
      method: "POST",
      headers: { ...authorized(bin.ownerToken).headers, "Content-Type": "application/json" },
      body: JSON.stringify(batch),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { stored: 0, cursor: info!.cursor }, "already stored by the CLI: not again, and the cursor stays");
  }
  const deliveries = (
    (await (await fetch(`${server.url}/api/bins/${bin.id}/requests/${id}/deliveries`, authorized(bin.ownerToken))).json()) as { deliveries: DeliveryDetail[] }
  ).deliveries;
  assert.deepEqual(
    deliveries.map((d) => [d.kind, d.status]),
    [["cli", "succeeded"]],
  );

  const foreign = await fetch(`${server.url}/api/bins/${bin.id}/forwarders/twice/reports`, {
    method: "POST",
    headers: { ...authorized(bin.ownerToken).headers, "Content-Type": "application/json" },
    body: JSON.stringify({ cursor: null, reports: [{ ...batch.reports[0], key: `cli-${"0".repeat(20)}-${id}` }] }),
  });
  assert.equal(foreign.status, 400, "a key of another forwarder is refused");
  const viewer = await fetch(`${server.url}/api/bins/${bin.id}/forwarders`, authorized(decodeURIComponent(bin.shareUrl.split("#share=")[1]!)));
  assert.equal(viewer.status, 403, "share-link viewers do not see forwarders");
});

test("the inspector's send goes through the connected CLI to localhost, without opening private targets on the server", { timeout: 30_000 }, async () => {
  const bin = await createBin(server.url);
  const id = (await capture(bin, "/hook", "original")).headers.get("x-hookscope-request-id")!;
  const send = (body: object) =>
    fetch(`${server.url}/api/bins/${bin.id}/forwarders/laptop/send`, {
      method: "POST",
      headers: { ...authorized(bin.ownerToken).headers, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  assert.equal((await send({ requestId: id })).status, 404, "no such forwarder yet");
  const cli = await forward([ownerLink(bin), "--to", `${target.url}/push`, "--name", "laptop"]);
  const response = await send({ requestId: id, bodyText: "edited" });
  const delivery = (await response.json()) as DeliveryDetail;
  assert.equal(response.status, 200, JSON.stringify(delivery));
  assert.equal(delivery.attemptLog[0]?.status, 200);
  assert.equal(delivery.attemptLog[0]?.responseBodyText, "ok");
  assert.deepEqual(
    arrivedAt("/push/").map((r) => [r.url, r.body.toString()]),
    [["/push/hook", "edited"]],
  );
  await stop(cli, "SIGINT");
  const offline = await send({ requestId: id });
  assert.equal(offline.status, 409);
  assert.equal(((await offline.json()) as { error: { code: string } }).error.code, "forwarder_offline");
});

test("a local app that is restarting is waited for, and gets the request once it listens", { timeout: 30_000 }, async () => {
  const bin = await createBin(server.url);
  const port = await freePort();
  const cli = await forward([ownerLink(bin), "--to", `http://127.0.0.1:${port}/app`, "--retry-for", "20"]);
  await capture(bin, "/early", "while the app was down");
  await waitUntil(() => cli.stderr().includes("Waiting for http://127.0.0.1:"), 10_000, "the waiting notice");
  const app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req
      .on("data", (chunk: Buffer) => chunks.push(chunk))
      .on("end", () => {
        received.push(`${req.url} ${Buffer.concat(chunks).toString()}`);
        res.end("up");
      });
  });
  const received: string[] = [];
  await new Promise<void>((resolve) => app.listen(port, "127.0.0.1", resolve));
  try {
    await waitUntil(() => received.length >= 1, 10_000, "the delivery once the app listens");
    await stop(cli, "SIGINT");
    assert.deepEqual(received, ["/app/early while the app was down"]);
    assert.match(cli.stdout(), /POST +\/early  → 200/);
    assert.match(cli.stderr(), /answers again/);
  } finally {
    await new Promise<void>((resolve) => app.close(() => resolve()));
  }
});

test("--resign-with-env: each request is signed again on this machine, for the local URL; the server's log says so", { timeout: 60_000 }, async () => {
  const bin = await createBin(server.url);
  const SECRET = "whsec_cli_resign_secret";
  const cli = spawnCli(["forward", ownerLink(bin), "--to", `${target.url}/resigned`, "--resign-with-env", "STRIPE_TEST_SECRET"], {
    STRIPE_TEST_SECRET: SECRET,
  });
  children.push(cli.child);
  await waitUntil(() => cli.stdout().includes("Forwarding new requests") || cli.child.exitCode !== null, 15_000, "the start-up line");
  assert.ok(!cli.stdout().includes(SECRET) && !cli.stderr().includes(SECRET));
  const stale = await capture(bin, "/stripe", '{"id":"evt_1"}', { "Content-Type": "application/json", "Stripe-Signature": "t=1500000000,v1=00" });
  const requestId = stale.headers.get("x-hookscope-request-id")!;
  await capture(bin, "/unsigned", "{}", { "Content-Type": "application/json" });
  await waitUntil(() => cli.stdout().includes("Not re-signed"), 15_000, "the refusal line");
  await waitUntil(() => arrivedAt("/resigned/stripe").length === 1, 15_000, "the re-signed request");
  const got = arrivedAt("/resigned/stripe")[0]!;
  const verdict = verifyRequest({ method: got.method, url: `${target.url}${got.url}`, headers: got.rawHeaders, body: got.body, receivedAt: got.at }, [
    { scheme: "stripe", secret: SECRET },
  ]);
  assert.equal(verdict.status, "valid", verdict.reason);
  assert.match(cli.stdout(), /\/stripe .*\(re-signed: stripe\)/);
  assert.equal(arrivedAt("/resigned/unsigned").length, 0, "a request that cannot be re-signed is not sent");
  await waitUntil(
    async () => {
      const response = await fetch(`${server.url}/api/bins/${bin.id}/deliveries`, authorized(bin.ownerToken));
      const { deliveries } = (await response.json()) as { deliveries: DeliveryDetail[] };
      const resigned = deliveries.find((delivery) => delivery.requestId === requestId)?.resigned;
      return resigned?.scheme === "stripe" && resigned.replaced.includes("Stripe-Signature");
    },
    15_000,
    "the CLI delivery's re-sign record",
  );
  await stop(cli, "SIGTERM");
});
