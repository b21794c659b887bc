import { after, afterEach, before, beforeEach, describe, mock, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { sendRequest, type SendRequestOptions } from "@/lib/server/outbound/send";
import { guardConnections, startLocalServer, type LocalServer } from "./local-server";

describe("sendRequest and redirects", () => {
  // A is on the allow list, B is not: the allow list names A by port.
  let a: LocalServer;
  let b: LocalServer;
  let attempts: string[];
  before(async () => {
    b = await startLocalServer((request, response) => response.end(`B got ${request.url}`));
    a = await startLocalServer((request, response) => {
      const redirect = (status: number, location: string) => {
        response.writeHead(status, { Location: location });
        response.end();
      };
      const [path, query] = request.url.split("?");
      if (path === "/to") return redirect(Number(new URLSearchParams(query).get("status") ?? 307), new URLSearchParams(query).get("url") ?? "/");
      if (path === "/loop") return redirect(302, "/loop");
      response.end(`A got ${request.method} ${request.url}`);
    });
  });
  after(async () => {
    await a.close();
    await b.close();
  });
  beforeEach(() => {
    attempts = guardConnections();
    a.received.length = 0;
    b.received.length = 0;
  });
  afterEach(() => mock.restoreAll());

  const via = (status: number, location: string) => `${a.origin}/to?status=${status}&url=${encodeURIComponent(location)}`;
  const send = (url: string, overrides: Partial<SendRequestOptions> = {}) =>
    sendRequest({
      method: "POST",
      url,
      headers: [
        ["Content-Type", "application/octet-stream"],
        ["Authorization", "Bearer captured"],
        ["Cookie", "session=1"],
      ],
      body: new Uint8Array(randomBytes(2048)),
      timeoutMs: 3000,
      maxResponseBytes: 1024,
      maxRedirects: 5,
      policy: { allowPrivate: false, allowList: [`127.0.0.1:${a.port}`] },
      ...overrides,
    });

  test("by default a redirect is the answer, as a webhook sender would see it", async () => {
    const result = await send(via(308, "/elsewhere"), { maxRedirects: undefined });
    assert.ok(result.ok);
    assert.equal(result.status, 308);
    assert.deepEqual(
      result.headers.find(([name]) => name === "Location"),
      ["Location", "/elsewhere"],
    );
    assert.deepEqual(result.redirects, []);
    assert.equal(a.received.length, 1);
  });

  test("307 and 308 resend the same method, headers and body byte for byte", async () => {
    const body = new Uint8Array(randomBytes(5000));
    const result = await send(via(307, "/final?x=1"), { body });
    assert.ok(result.ok);
    assert.equal(new TextDecoder().decode(result.body), "A got POST /final?x=1");
    assert.deepEqual(result.redirects, [`${a.origin}/final?x=1`]);
    const [first, second] = a.received;
    assert.ok(first && second);
    assert.equal(second.method, "POST");
    assert.ok(Buffer.from(body).equals(second.body));
    assert.deepEqual(second.rawHeaders, first.rawHeaders);
  });

  test("303 switches to a bodiless GET without the body's headers", async () => {
    const result = await send(via(303, "/after"));
    assert.ok(result.ok);
    const second = a.received[1];
    assert.ok(second);
    assert.equal(second.method, "GET");
    assert.equal(second.body.length, 0);
    assert.deepEqual(
      second.rawHeaders.map(([name]) => name),
      ["Host", "Authorization", "Cookie", "Connection"],
    );
  });

  test("a redirect to an allowed other origin drops Authorization and Cookie", async () => {
    const policy = { allowPrivate: false, allowList: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`] };
    const result = await send(via(307, `${b.origin}/there`), { policy });
    assert.ok(result.ok);
    assert.equal(new TextDecoder().decode(result.body), "B got /there");
    assert.deepEqual(
      b.received[0]?.rawHeaders.map(([name]) => name),
      ["Host", "Content-Type", "Content-Length", "Connection"],
    );
  });

  test("a redirect to cloud metadata is refused before any connection", async () => {
    const result = await send(via(302, "http://169.254.169.254/latest/meta-data/iam/"));
    assert.ok(!result.ok);
    assert.equal(result.error.code, "blocked_target");
    assert.equal(
      result.error.message,
      "The target redirected to http://169.254.169.254/latest/meta-data/iam/. " +
        "Refused: 169.254.169.254 is a cloud metadata address. Add it to OUTBOUND_ALLOW_LIST to allow it.",
    );
    assert.deepEqual(result.redirects, ["http://169.254.169.254/latest/meta-data/iam/"]);
    assert.deepEqual(attempts, []);
  });

  test("a redirect to a local server that is not on the allow list is refused; it gets nothing", async () => {
    for (const target of [`${b.origin}/`, `http://localhost:${b.port}/`, "http://10.1.2.3/"]) {
      const result = await send(via(307, target));
      assert.ok(!result.ok, target);
      assert.equal(result.error.code, "blocked_target", target);
    }
    assert.equal(b.received.length, 0);
    assert.deepEqual(attempts, []);
  });

  test("past maxRedirects the chain stops with too_many_redirects", async () => {
    const result = await send(`${a.origin}/loop`, { maxRedirects: 3 });
    assert.ok(!result.ok);
    assert.equal(result.error.code, "too_many_redirects");
    assert.match(result.error.message, /^Stopped after 3 redirects/);
    assert.equal(result.redirects.length, 3);
    assert.equal(a.received.length, 4);
  });

  test("a redirect to another scheme is refused as an invalid target", async () => {
    const result = await send(via(302, "file:///etc/passwd"));
    assert.ok(!result.ok);
    assert.equal(result.error.code, "invalid_url");
    assert.match(result.error.message, /Only http: and https: targets/);
  });
});
