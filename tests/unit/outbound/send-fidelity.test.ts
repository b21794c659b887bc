import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { sendRequest, type SendRequestOptions } from "@/lib/server/outbound/send";
import { startLocalServer, type LocalServer } from "./local-server";

const policy = { allowPrivate: false, allowList: ["127.0.0.1"] };

describe("sendRequest delivers the captured request faithfully", () => {
  let server: LocalServer;
  before(async () => {
    server = await startLocalServer((request, response) => {
      if (request.url === "/big") {
        response.end(Buffer.alloc(10_000, 7));
        return;
      }
      response.writeHead(201, "Made It", ["X-B", "1", "x-a", "2", "X-B", "3", "Content-Type", "application/octet-stream"]);
      response.end(request.body);
    });
  });
  after(() => server.close());

  const send = (overrides: Partial<SendRequestOptions>) =>
    sendRequest({
      method: "POST",
      url: `${server.origin}/hook`,
      headers: [],
      body: new Uint8Array(0),
      timeoutMs: 3000,
      maxResponseBytes: 1 << 20,
      policy,
      ...overrides,
    });

  test("body bytes, header order, case and duplicates survive; hop-by-hop go; Host and Content-Length are the target's", async () => {
    const body = new Uint8Array(randomBytes(65_537));
    const result = await send({
      url: `${server.origin}/hook/stripe?a=1&a=2`,
      headers: [
        ["Stripe-Signature", "t=1,v1=abc"],
        ["x-dup", "1"],
        ["Host", "hooks.example.com"],
        ["content-type", "application/octet-stream"],
        ["X-DUP", "2"],
        ["Connection", "keep-alive, X-Hop"],
        ["X-Hop", "per-connection"],
        ["Keep-Alive", "timeout=5"],
        ["Transfer-Encoding", "chunked"],
        ["Proxy-Authorization", "Basic eDp5"],
        ["Proxy-Connection", "keep-alive"],
        ["TE", "trailers"],
        ["Upgrade", "h2c"],
        ["Trailer", "X-Checksum"],
        ["Expect", "100-continue"],
        ["Content-Length", "12"],
        ["x-dup", "3"],
      ],
      body,
    });

    assert.equal(result.ok, true);
    const received = server.received.at(-1)!;
    assert.equal(received.method, "POST");
    assert.equal(received.url, "/hook/stripe?a=1&a=2");
    assert.deepEqual(received.rawHeaders, [
      ["Stripe-Signature", "t=1,v1=abc"],
      ["x-dup", "1"],
      ["Host", `127.0.0.1:${server.port}`],
      ["content-type", "application/octet-stream"],
      ["X-DUP", "2"],
      ["Content-Length", String(body.length)],
      ["x-dup", "3"],
      // Node's own, for the one-shot connection.
      ["Connection", "close"],
    ]);
    assert.ok(Buffer.from(body).equals(received.body));
  });

  test("the response comes back with status, raw ordered headers and exact body", async () => {
    const body = new Uint8Array(randomBytes(4096));
    const result = await send({ body });
    assert.ok(result.ok);
    assert.equal(result.status, 201);
    assert.equal(result.statusText, "Made It");
    assert.deepEqual(result.headers.slice(0, 4), [
      ["X-B", "1"],
      ["x-a", "2"],
      ["X-B", "3"],
      ["Content-Type", "application/octet-stream"],
    ]);
    assert.deepEqual(result.body, body);
    assert.equal(result.bodyTruncated, false);
    assert.deepEqual(result.redirects, []);
    assert.ok(result.durationMs >= 0);
  });

  test("a body larger than maxResponseBytes is cut there and flagged; one exactly that size is not", async () => {
    const cut = await send({ method: "GET", url: `${server.origin}/big`, maxResponseBytes: 1000 });
    assert.ok(cut.ok);
    assert.equal(cut.bodyTruncated, true);
    assert.deepEqual(cut.body, new Uint8Array(1000).fill(7));

    const exact = await send({ method: "GET", url: `${server.origin}/big`, maxResponseBytes: 10_000 });
    assert.ok(exact.ok);
    assert.equal(exact.bodyTruncated, false);
    assert.equal(exact.body.length, 10_000);
  });

  test("an empty POST says Content-Length: 0 rather than chunked; a GET carries no framing at all", async () => {
    await send({ method: "POST", headers: [["X-A", "1"]] });
    assert.deepEqual(server.received.at(-1)!.rawHeaders, [
      ["Host", `127.0.0.1:${server.port}`],
      ["X-A", "1"],
      ["Content-Length", "0"],
      ["Connection", "close"],
    ]);

    await send({ method: "GET", headers: [["Accept", "*/*"]] });
    assert.deepEqual(server.received.at(-1)!.rawHeaders, [
      ["Host", `127.0.0.1:${server.port}`],
      ["Accept", "*/*"],
      ["Connection", "close"],
    ]);
  });

  test("credentials in the target URL become Basic auth and appear nowhere in the result", async () => {
    const result = await send({
      url: `http://hook%20user:s3cr%40t@127.0.0.1:${server.port}/hook`,
      headers: [["Authorization", "Bearer captured"]],
    });
    assert.ok(result.ok);
    const authorization = server.received.at(-1)!.rawHeaders.filter(([name]) => name === "Authorization");
    assert.deepEqual(authorization, [["Authorization", `Basic ${Buffer.from("hook user:s3cr@t").toString("base64")}`]]);
    assert.doesNotMatch(JSON.stringify(result), /s3cr/);
  });

  test("a header value Node cannot send is reported, not thrown", async () => {
    const result = await send({ headers: [["X-Bad", "line\r\nInjected: yes"]] });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.error.code, "other");
    assert.match(result.error.message, /X-Bad/i);
  });
});
