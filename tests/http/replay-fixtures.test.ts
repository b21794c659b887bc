// Captured traffic as regression tests, end to end: the fixture export (exact bytes, scheme by name,
// no secret), the real `hookscope replay` against a local handler (exit 0 / 1 with a diff, JUnit
// parsed by an XML parser), and the generated pytest and Vitest-API examples run for real.
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import Stripe from "stripe";
import type { CreatedBin } from "@/lib/shared/api-types";
import { FixtureSetSchema, type FixtureSet } from "@/lib/shared/fixtures";
import { spawnCli } from "../helpers/cli";
import { ROOT_DIR } from "../helpers/db";
import { authorized, createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { startTarget, type TargetHandler } from "../helpers/target";
import { tempDir } from "../helpers/temp";

const SECRET = "whsec_fixtures_test_secret";
const stripe = new Stripe("sk_test_not_used_offline");
const STRIPE_BODY = '{"id":"evt_1","type":"invoice.paid","amount":1299}';
const ORDER_BODY = Buffer.from('{"order":"o-1","note":"café ☕"}\r\n');

let server: RunningServer;
let target: Awaited<ReturnType<typeof startTarget>>;
let bin: CreatedBin;
let dir: string;
let stripeId: string;
let orderId: string;

/** A handler that checks Stripe signatures (300 s window, as the SDK) and answers {"received":true}. */
const verifyingHandler: TargetHandler = (req, res, body) => {
  if (req.url?.startsWith("/hooks/stripe")) {
    try {
      stripe.webhooks.constructEvent(body, String(req.headers["stripe-signature"]), SECRET);
    } catch (error) {
      res.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify({ received: false, error: (error as Error).message }));
      return;
    }
  }
  res.writeHead(200, { "Content-Type": "application/json" }).end('{"received":true}');
};

async function run(args: string[], env: Record<string, string> = {}) {
  const cli = spawnCli(args, env);
  const code = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

async function exportFixtures(query = ""): Promise<{ text: string; set: FixtureSet }> {
  const response = await fetch(`${server.url}/api/bins/${bin.id}/export?format=fixtures${query}`, authorized(bin.ownerToken));
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-disposition") ?? "", /attachment; filename="hookscope-fixtures-/);
  const text = await response.text();
  return { text, set: FixtureSetSchema.parse(JSON.parse(text)) };
}

before(async () => {
  [server, target] = await Promise.all([startServer({}), startTarget(verifyingHandler)]);
  bin = await createBin(server.url);
  dir = tempDir("fixtures");
  const added = await fetch(`${server.url}/api/bins/${bin.id}/secrets`, {
    method: "POST",
    headers: { ...authorized(bin.ownerToken).headers, "Content-Type": "application/json" },
    body: JSON.stringify({ scheme: "stripe", secret: SECRET }),
  });
  assert.equal(added.status, 201);
  // Signed an hour ago: genuine, and stale for any handler that checks the window.
  const t = Math.floor(Date.now() / 1000) - 3600;
  const signature = `t=${t},v1=${createHmac("sha256", SECRET).update(`${t}.${STRIPE_BODY}`).digest("hex")}`;
  const stripeCapture = await fetch(`${bin.captureUrl}/stripe`, {
    method: "POST",
    body: STRIPE_BODY,
    headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
  });
  stripeId = stripeCapture.headers.get("x-hookscope-request-id")!;
  const orderCapture = await fetch(`${bin.captureUrl}/orders?shop=a&shop=b`, {
    method: "PUT",
    body: new Uint8Array(ORDER_BODY),
    headers: [
      ["Content-Type", "application/json"],
      ["X-Trace", "t-1"],
    ],
  });
  orderId = orderCapture.headers.get("x-hookscope-request-id")!;
});
after(async () => {
  await server?.stop();
  await target?.close();
});

describe("fixture export", () => {
  test("exact bytes, headers in order, method, subpath, query and the scheme by name; never the secret", async () => {
    const { text, set } = await exportFixtures();
    assert.ok(!text.includes(SECRET), "the fixture file holds the secret");
    const stripeFixture = set.fixtures.find((fixture) => fixture.requestId === stripeId)!;
    const orderFixture = set.fixtures.find((fixture) => fixture.requestId === orderId)!;
    assert.equal(stripeFixture.scheme, "stripe");
    assert.equal(Buffer.from(stripeFixture.bodyBase64, "base64").toString(), STRIPE_BODY);
    assert.equal(orderFixture.scheme, null);
    assert.equal(orderFixture.method, "PUT");
    assert.equal(orderFixture.path, "/orders");
    assert.equal(orderFixture.query, "shop=a&shop=b");
    assert.ok(Buffer.from(orderFixture.bodyBase64, "base64").equals(ORDER_BODY));
    const names = orderFixture.headers.map(([name]) => name.toLowerCase());
    assert.ok(names.indexOf("content-type") < names.indexOf("x-trace"), names.join(","));
    const searched = await exportFixtures("&header=stripe-signature");
    assert.deepEqual(
      searched.set.fixtures.map((fixture) => fixture.requestId),
      [stripeId],
      "a search exports what it finds",
    );
    const chosen = await exportFixtures(`&ids=${orderId}`);
    assert.deepEqual(
      chosen.set.fixtures.map((fixture) => fixture.requestId),
      [orderId],
    );
  });
});

describe("hookscope replay", () => {
  let file: string;
  before(async () => {
    file = path.join(dir, "fixtures.json");
    writeFileSync(file, (await exportFixtures()).text);
  });

  test("exits 0 when the handler accepts every fixture re-signed now, and the JUnit report parses", async () => {
    target.setHandler(verifyingHandler);
    const junit = path.join(dir, "pass.xml");
    const result = await run(
      ["replay", file, "--to", `${target.url}/hooks`, "--resign-with-env", "STRIPE_SECRET", "--expect", "2xx", "--expect", "$.received=true", "--junit", junit],
      {
        STRIPE_SECRET: SECRET,
      },
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /✓ POST\s+\/stripe\s+→ 200 .*\(re-signed: stripe\)/);
    assert.match(result.stdout, /2 of 2 checks passed/);
    const xml = readFileSync(junit, "utf8");
    assert.equal(XMLValidator.validate(xml), true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as {
      testsuites: { tests: string; failures: string; testsuite: { testcase: { name: string; failure?: unknown }[] } };
    };
    assert.equal(parsed.testsuites.tests, "2");
    assert.equal(parsed.testsuites.failures, "0");
    assert.equal(parsed.testsuites.testsuite.testcase.length, 2);
  });

  test("exits 1 with a readable diff against a changed handler; the JUnit report names the failures", async () => {
    // Without re-signing, the hour-old Stripe signature is refused; the orders handler now fails.
    target.setHandler((req, res, body) => {
      if (req.url?.startsWith("/hooks/orders")) res.writeHead(500, { "Content-Type": "application/json" }).end('{"received":false,"why":"db down"}');
      else void verifyingHandler(req, res, body);
    });
    const junit = path.join(dir, "fail.xml");
    const result = await run(["replay", file, "--to", `${target.url}/hooks`, "--expect", "2xx", "--expect", "$.received=true", "--junit", junit]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /✗ PUT\s+\/orders\?shop=a&shop=b\s+→ 500/);
    assert.match(result.stdout, /expected status 2xx\n\s+got status 500/);
    assert.match(result.stdout, /expected \$\.received = true\n\s+got \$\.received = false/);
    assert.match(result.stdout, /✗ POST\s+\/stripe\s+→ 400/);
    assert.match(result.stdout, /0 of 2 checks passed, 2 failed/);
    const xml = readFileSync(junit, "utf8");
    assert.equal(XMLValidator.validate(xml), true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as {
      testsuites: { failures: string; testsuite: { testcase: { name: string; failure?: { message: string; "#text": string } }[] } };
    };
    assert.equal(parsed.testsuites.failures, "2");
    const orders = parsed.testsuites.testsuite.testcase.find((c) => c.name.startsWith("PUT /orders"))!;
    assert.match(orders.failure!.message, /expected status 2xx/);
    assert.match(orders.failure!["#text"], /got \$\.received = false/);
  });

  test("a fixture that cannot be re-signed is not sent and fails; bad usage is explained", async () => {
    const sent = target.received.length;
    const refused = await run(["replay", file, "--to", `${target.url}/hooks`, "--resign-with-env", "STRIPE_SECRET", "--resign-scheme", "discord"], {
      STRIPE_SECRET: "x",
    });
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /not sent\n\s+Not re-signed: Discord signs with a private key/);
    assert.equal(target.received.length, sent);
    const usage = await run(["replay", file, "--to", target.url, "--expect", "sometimes"]);
    assert.equal(usage.code, 1);
    assert.match(usage.stderr, /--expect "sometimes": expected 2xx/);
    const notASet = path.join(dir, "other.json");
    writeFileSync(notASet, '{"format":"hookscope-export","version":1,"requests":[]}');
    const wrong = await run(["replay", notASet, "--to", target.url]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /not a Hookscope fixture set: format/);
  });
});

describe("delivery chaos", () => {
  let file: string;
  before(async () => {
    file = path.join(dir, "chaos.json");
    writeFileSync(file, (await exportFixtures()).text);
  });

  /** A handler that counts what it processes; `careful` verifies Stripe signatures and drops repeated bodies. */
  function countingHandler(careful: boolean): { handler: TargetHandler; count: () => number } {
    let count = 0;
    const seen = new Set<string>();
    const handler: TargetHandler = (req, res, body) => {
      if (req.method === "GET" && req.url === "/count")
        return res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ stats: { processed: count } }));
      if (careful && req.url?.startsWith("/hooks/stripe")) {
        try {
          stripe.webhooks.constructEvent(body, String(req.headers["stripe-signature"]), SECRET);
        } catch {
          return res.writeHead(400).end('{"received":false}');
        }
      }
      if (!careful || !seen.has(body.toString("base64"))) count++;
      seen.add(body.toString("base64"));
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"received":true}');
    };
    return { handler, count: () => count };
  }

  const chaosArgs = () => [
    "replay",
    file,
    "--to",
    `${target.url}/hooks`,
    "--resign-with-env",
    "STRIPE_SECRET",
    "--duplicate",
    "3",
    "--reorder",
    "2",
    "--stale",
    "--counter",
    `${target.url}/count`,
    "--counter-path",
    "$.stats.processed",
  ];

  test("a careless handler: every attempt is recorded, the stale signature and the processed copies are reported, exit 1", async () => {
    const counting = countingHandler(false);
    target.setHandler(counting.handler);
    const before = target.received.length;
    const result = await run(chaosArgs(), { STRIPE_SECRET: SECRET });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    // 2 fixtures × 3 copies, 1 stale resend, 2 counter reads.
    assert.equal(target.received.length - before, 9);
    assert.equal(counting.count(), 7);
    assert.match(result.stdout, /Order: reversed within windows of 2: \/orders\?shop=a&shop=b, \/stripe/);
    assert.equal((result.stdout.match(/\[copy \d\/3\]/g) ?? []).length, 6);
    assert.match(result.stdout, /! POST\s+\/stripe\s+→ 200\s+\[captured signature, \d+ s old\]/);
    assert.match(result.stdout, /Stale signatures: 1 of 1 captured signatures were accepted \(2xx\)/);
    assert.match(result.stdout, /Duplicates: counter went from 0 to 7 \(\+7\) for 2 distinct fixtures sent 3 times each: copies were processed\./);
  });

  test("a careful handler (verifies, drops repeats): nothing to report, exit 0; without a counter nothing is claimed", async () => {
    target.setHandler(countingHandler(true).handler);
    const result = await run(chaosArgs(), { STRIPE_SECRET: SECRET });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Stale signatures: 1 sent, all refused\./);
    assert.match(result.stdout, /Duplicates: counter went from 0 to 2 \(\+2\) for 2 distinct fixtures sent 3 times each: each processed at most once\./);
    const blind = await run(["replay", file, "--to", `${target.url}/hooks`, "--duplicate", "2"]);
    assert.match(blind.stdout, /whether a copy was processed twice cannot be seen from the answers/);
  });

  test("--drip writes each body slowly, in pieces the handler reads one by one, and the bytes arrive whole", async () => {
    const arrivals: { reads: number; body: Buffer }[] = [];
    const slowReader = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        arrivals.push({ reads: chunks.length, body: Buffer.concat(chunks) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => slowReader.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = slowReader.address() as AddressInfo;
      // 40 B/s: 4 bytes every 100 ms, so the 35-byte order body is written in 9 pieces over 0.8 s.
      const result = await run(["replay", file, "--to", `http://127.0.0.1:${port}/hooks`, "--drip", "40"]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.equal((result.stdout.match(/\[body dripped at 40 B\/s\]/g) ?? []).length, 2);
      const order = arrivals.find((arrival) => arrival.body.equals(ORDER_BODY));
      assert.ok(order, "the order body arrived byte for byte");
      // Pieces 100 ms apart could only all merge into one read if the handler stalled for 0.8 s.
      assert.ok(order.reads >= 2, `read in ${order.reads} piece(s)`);
      const refused = await run(["replay", file, "--to", `http://127.0.0.1:${port}/hooks`, "--drip", "0"]);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /--drip must be a whole number from 1 to 100000000, not "0"/);
    } finally {
      await new Promise((resolve) => slowReader.close(resolve));
    }
  });
});

describe("generated example tests", () => {
  let exampleDir: string;
  before(async () => {
    exampleDir = path.join(dir, "examples");
    mkdirSync(exampleDir);
    // The unsigned request only: the examples send fixtures as captured, without re-signing.
    writeFileSync(path.join(exampleDir, "orders.fixtures.json"), (await exportFixtures(`&ids=${orderId}`)).text);
  });

  function spawnIn(cwd: string, command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    // NODE_TEST_CONTEXT would make a nested `node --test` report to this runner instead of exiting with its result.
    const { NODE_TEST_CONTEXT: _nested, ...inherited } = process.env;
    const child = spawn(command, args, { cwd, env: { ...inherited, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
  }

  test("pytest: passes against the matching handler, fails against a changed one", async () => {
    const example = await run(["replay", path.join(exampleDir, "orders.fixtures.json"), "--example", "pytest"]);
    assert.equal(example.code, 0, example.stderr);
    writeFileSync(path.join(exampleDir, "test_orders.py"), example.stdout);
    target.setHandler(verifyingHandler);
    const passing = await spawnIn(exampleDir, "python3", ["-m", "pytest", "-q", "-p", "no:cacheprovider", "test_orders.py"], {
      HANDLER_URL: `${target.url}/hooks`,
    });
    assert.equal(passing.code, 0, passing.output);
    assert.match(passing.output, /1 passed/);
    const arrived = target.received.at(-1)!;
    assert.equal(arrived.url, "/hooks/orders?shop=a&shop=b");
    assert.ok(arrived.body.equals(ORDER_BODY));
    target.setHandler((_req, res) => res.writeHead(500).end("db down"));
    const failing = await spawnIn(exampleDir, "python3", ["-m", "pytest", "-q", "-p", "no:cacheprovider", "test_orders.py"], {
      HANDLER_URL: `${target.url}/hooks`,
    });
    assert.equal(failing.code, 1, failing.output);
    assert.match(failing.output, /expected 2xx, got 500/);
  });

  test("vitest: the example runs (under a stand-in for vitest's describe/test/expect on node:test) and checks the answer", async () => {
    // Vitest itself is not a dependency here; this stand-in maps the three functions the example
    // uses onto node:test, so the example's own logic (read, send, expect 2xx) is what runs.
    const shim = path.join(exampleDir, "node_modules", "vitest");
    mkdirSync(shim, { recursive: true });
    writeFileSync(path.join(shim, "package.json"), '{"name":"vitest","type":"module","exports":"./index.js"}');
    writeFileSync(
      path.join(shim, "index.js"),
      `import { describe, test } from "node:test";
import assert from "node:assert/strict";
export { describe, test };
export function expect(actual, message) {
  return {
    toBeGreaterThanOrEqual: (n) => assert.ok(actual >= n, message ?? \`\${actual} < \${n}\`),
    toBeLessThan: (n) => assert.ok(actual < n, message ?? \`\${actual} >= \${n}\`),
  };
}
`,
    );
    const example = await run(["replay", path.join(exampleDir, "orders.fixtures.json"), "--example", "vitest", "--to", `${target.url}/hooks`]);
    assert.equal(example.code, 0, example.stderr);
    assert.match(example.stdout, /from "vitest"/);
    writeFileSync(path.join(exampleDir, "package.json"), '{"type":"module"}');
    writeFileSync(path.join(exampleDir, "orders.test.ts"), example.stdout);
    const tsx = pathToFileURL(path.join(ROOT_DIR, "node_modules", "tsx", "dist", "esm", "index.mjs")).href;
    target.setHandler(verifyingHandler);
    const passing = await spawnIn(exampleDir, process.execPath, ["--import", tsx, "--test", "orders.test.ts"], {});
    assert.equal(passing.code, 0, passing.output);
    assert.match(passing.output, /# pass 1\n/);
    target.setHandler((_req, res) => res.writeHead(503).end("later"));
    const failing = await spawnIn(exampleDir, process.execPath, ["--import", tsx, "--test", "orders.test.ts"], {});
    assert.equal(failing.code, 1, failing.output);
    assert.match(failing.output, /503 >= 300/);
  });
});
