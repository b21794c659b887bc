import { after, afterEach, before, beforeEach, describe, mock, test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import type { Resolver } from "@/lib/server/outbound/resolve";
import { sendRequest, type SendRequestOptions } from "@/lib/server/outbound/send";
import type { TargetPolicy } from "@/lib/server/outbound/target-policy";
import { guardConnections, startLocalServer, type LocalServer } from "./local-server";

const strict: TargetPolicy = { allowPrivate: false, allowList: [] };

/** Answers *.test names from a table, like a DNS server the test controls, without any traffic. */
function tableResolver(table: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: net.isIPv6(address) ? (6 as const) : (4 as const) }));
  };
  return Object.assign(resolve, { calls });
}

describe("sendRequest checks the target before connecting", () => {
  let server: LocalServer;
  let attempts: string[];
  before(async () => {
    server = await startLocalServer();
  });
  after(() => server.close());
  beforeEach(() => {
    attempts = guardConnections();
  });
  afterEach(() => mock.restoreAll());

  const send = (url: string, overrides: Partial<SendRequestOptions> = {}) =>
    sendRequest({
      method: "POST",
      url,
      headers: [["Content-Type", "application/json"]],
      body: new TextEncoder().encode("{}"),
      timeoutMs: 2000,
      maxResponseBytes: 1024,
      policy: strict,
      ...overrides,
    });

  test("the connection guard itself stops a socket bound elsewhere than the loopback names", async () => {
    // 127.0.0.2 is still loopback, so the check of the guard cannot leak if the guard is broken.
    const socket = net.connect({ host: "127.0.0.2", port: server.port });
    await new Promise((resolve) => socket.once("error", resolve).once("connect", resolve));
    socket.destroy();
    assert.deepEqual(attempts, ["127.0.0.2"]);
  });

  const internal: [string, RegExp][] = [
    [
      "http://127.0.0.1:PORT/",
      /127\.0\.0\.1 is a loopback address\. To reach your own machine, send it through hookscope forward .* set ALLOW_PRIVATE_TARGETS=1 or add it to OUTBOUND_ALLOW_LIST/,
    ],
    ["http://localhost:PORT/", /localhost resolves to 127\.0\.0\.1, a loopback address/],
    ["http://[::1]:PORT/", /::1 is a loopback address/],
    [
      "http://10.1.2.3/",
      /^Refused: 10\.1\.2\.3 is a private address\. To reach your own machine, send it through hookscope forward running there; or, on a server only you use, set ALLOW_PRIVATE_TARGETS=1 or add it to OUTBOUND_ALLOW_LIST\.$/,
    ],
    ["http://172.16.5.4/", /private/],
    ["http://192.168.1.1/", /private/],
    ["http://100.64.0.1/", /carrier-grade NAT/],
    ["http://169.254.169.254/latest/meta-data/", /^Refused: 169\.254\.169\.254 is a cloud metadata address\. Add it to OUTBOUND_ALLOW_LIST to allow it\.$/],
    ["http://169.254.1.1/", /link-local/],
    ["http://0.0.0.0:PORT/", /unspecified/],
    ["http://[::]:PORT/", /unspecified/],
    ["http://[::ffff:127.0.0.1]:PORT/", /loopback address \(it carries IPv4 127\.0\.0\.1\)/],
    ["http://[::ffff:7f00:1]:PORT/", /loopback/],
    ["http://[64:ff9b::10.1.2.3]/", /private address \(it carries IPv4 10\.1\.2\.3\)/],
    ["http://[fd00::1]/", /private/],
    ["http://[fe80::1]/", /link-local/],
    ["http://2130706433:PORT/", /127\.0\.0\.1 is a loopback/],
    ["http://0177.0.0.1:PORT/", /127\.0\.0\.1 is a loopback/],
    ["http://127.1:PORT/", /127\.0\.0\.1 is a loopback/],
    ["http://0x7f.0.0.1:PORT/", /127\.0\.0\.1 is a loopback/],
    ["https://224.0.0.1/", /multicast/],
    ["http://255.255.255.255/", /broadcast/],
  ];
  for (const [template, message] of internal) {
    test(`refuses ${template} without connecting`, async () => {
      const result = await send(template.replace("PORT", String(server.port)));
      assert.ok(!result.ok);
      assert.equal(result.error.code, "blocked_target");
      assert.match(result.error.message, /^Refused: /);
      assert.match(result.error.message, message);
      assert.deepEqual(attempts, []);
      assert.equal(server.received.length, 0);
    });
  }

  test("a name that resolves to loopback is refused on the resolved address", async () => {
    const resolve = tableResolver({ "internal.test": ["127.0.0.1"] });
    const result = await send(`http://internal.test:${server.port}/`, { resolve });
    assert.ok(!result.ok);
    assert.equal(result.error.code, "blocked_target");
    assert.equal(
      result.error.message,
      "Refused: internal.test resolves to 127.0.0.1, a loopback address. To reach your own machine, send it through hookscope forward running there; or, on a server only you use, set ALLOW_PRIVATE_TARGETS=1 or add it to OUTBOUND_ALLOW_LIST.",
    );
    assert.equal(server.received.length, 0);
  });

  test("ALLOW_PRIVATE_TARGETS opens loopback, by IP and by name", async () => {
    const open = { allowPrivate: true, allowList: [] };
    for (const url of [`${server.origin}/a`, `http://localhost:${server.port}/b`]) {
      const result = await send(url, { policy: open });
      assert.equal(result.ok, true, JSON.stringify(result));
    }
    assert.deepEqual(
      server.received.map(({ url }) => url),
      ["/a", "/b"],
    );
    server.received.length = 0;
  });

  test("ALLOW_PRIVATE_TARGETS leaves cloud metadata closed", async () => {
    const result = await send("http://169.254.169.254/", { policy: { allowPrivate: true, allowList: [] } });
    assert.ok(!result.ok);
    assert.equal(result.error.code, "blocked_target");
    assert.deepEqual(attempts, []);
  });

  test("allow-list entries open exactly what they name: IP, IP:port, CIDR, hostname, *.domain", async () => {
    const resolve = tableResolver({ "a.hooks.test": ["127.0.0.1"], "hooks.test": ["127.0.0.1"], localhost: ["127.0.0.1"] });
    const allowed: [string, string[]][] = [
      [server.origin, ["127.0.0.1"]],
      [server.origin, [`127.0.0.1:${server.port}`]],
      [server.origin, ["127.0.0.0/8"]],
      [`http://localhost:${server.port}`, ["localhost"]],
      [`http://a.hooks.test:${server.port}`, ["*.hooks.test"]],
      [`http://[::ffff:127.0.0.1]:${server.port}`, ["127.0.0.1/32"]],
    ];
    for (const [origin, allowList] of allowed) {
      const result = await send(`${origin}/`, { policy: { allowPrivate: false, allowList }, resolve });
      assert.equal(result.ok, true, `${origin} with ${allowList.join(",")}: ${JSON.stringify(result)}`);
    }
    const refused: [string, string[]][] = [
      [server.origin, [`127.0.0.1:${server.port + 1}`]],
      [server.origin, ["10.0.0.0/8"]],
      [`http://hooks.test:${server.port}`, ["*.hooks.test"]],
      [`http://localhost:${server.port}`, ["localhost:1"]],
    ];
    for (const [origin, allowList] of refused) {
      const result = await send(`${origin}/`, { policy: { allowPrivate: false, allowList }, resolve });
      assert.equal(result.ok ? "ok" : result.error.code, "blocked_target", `${origin} with ${allowList.join(",")}`);
    }
    assert.equal(server.received.length, allowed.length);
    server.received.length = 0;
  });

  test("the name is resolved once and the socket connects to the checked address (no DNS rebinding)", async () => {
    // A rebinding DNS server: a harmless allowed answer first, something else afterwards.
    // 127.0.0.2 stays on this machine, and nothing listens there on this port.
    let answers = 0;
    const calls: string[] = [];
    const resolve: Resolver = async (hostname) => {
      calls.push(hostname);
      answers += 1;
      return [{ address: answers === 1 ? "127.0.0.1" : "127.0.0.2", family: 4 }];
    };
    const result = await send(`http://rebind.test:${server.port}/`, {
      policy: { allowPrivate: false, allowList: [`127.0.0.1:${server.port}`] },
      resolve,
    });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.deepEqual(calls, ["rebind.test"]);
    assert.equal(server.received.at(-1)!.rawHeaders[0]?.[1], `rebind.test:${server.port}`);
    server.received.length = 0;
  });

  test("a malformed allow list is reported, not thrown", async () => {
    const result = await send(server.origin, { policy: { allowPrivate: false, allowList: ["http://x"] } });
    assert.ok(!result.ok);
    assert.equal(result.error.code, "other");
    assert.match(result.error.message, /OUTBOUND_ALLOW_LIST entry "http:\/\/x"/);
  });
});
