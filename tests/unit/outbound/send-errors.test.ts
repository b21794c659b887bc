import { after, afterEach, before, beforeEach, describe, mock, test } from "node:test";
import assert from "node:assert/strict";
import { sendRequest, type SendRequestOptions } from "@/lib/server/outbound/send";
import { closedPort, guardConnections, startLocalServer, type LocalServer } from "./local-server";

describe("sendRequest reports failures in plain words", () => {
  let server: LocalServer;
  let attempts: string[];
  before(async () => {
    server = await startLocalServer((request, response, raw) => {
      if (request.url === "/silent") return; // never answers
      if (request.url === "/stall") {
        response.writeHead(200, { "Content-Length": "100" });
        response.write("partial");
        return;
      }
      if (request.url === "/reset") {
        raw.socket.destroy();
        return;
      }
      response.end("ok");
    });
  });
  after(() => server.close());
  beforeEach(() => {
    attempts = guardConnections();
  });
  afterEach(() => {
    mock.restoreAll();
    assert.deepEqual(attempts, []);
  });

  const send = (url: string, overrides: Partial<SendRequestOptions> = {}) =>
    sendRequest({
      method: "POST",
      url,
      headers: [],
      body: new TextEncoder().encode("{}"),
      timeoutMs: 2000,
      maxResponseBytes: 1024,
      policy: { allowPrivate: false, allowList: ["127.0.0.1"] },
      ...overrides,
    });

  const failure = async (promise: ReturnType<typeof sendRequest>) => {
    const result = await promise;
    assert.ok(!result.ok, JSON.stringify(result));
    return result;
  };

  test("a closed port: connection_refused", async () => {
    const port = await closedPort();
    const { error } = await failure(send(`http://127.0.0.1:${port}/`));
    assert.deepEqual(error, { code: "connection_refused", message: `127.0.0.1:${port} refused the connection (ECONNREFUSED).` });
  });

  test("a server that never answers: timeout, on time", async () => {
    const started = performance.now();
    const result = await failure(send(`${server.origin}/silent`, { timeoutMs: 300 }));
    const elapsed = performance.now() - started;
    assert.deepEqual(result.error, { code: "timeout", message: `No complete answer from 127.0.0.1:${server.port} within 300 ms.` });
    assert.ok(elapsed >= 290 && elapsed < 1500, `took ${elapsed} ms`);
    assert.ok(result.durationMs >= 290);
  });

  test("a body that stalls midway: timeout as well", async () => {
    const { error } = await failure(send(`${server.origin}/stall`, { timeoutMs: 300 }));
    assert.equal(error.code, "timeout");
  });

  test("a connection dropped before the answer: connection_reset", async () => {
    const { error } = await failure(send(`${server.origin}/reset`));
    assert.equal(error.code, "connection_reset");
    assert.match(error.message, /closed the connection before answering in full \(ECONNRESET\)/);
  });

  test("TLS against a plain HTTP server: tls_error", async () => {
    const { error } = await failure(send(`https://127.0.0.1:${server.port}/`));
    assert.equal(error.code, "tls_error");
    assert.match(error.message, /^TLS with 127\.0\.0\.1:\d+ failed: /);
    assert.doesNotMatch(error.message, /openssl|\n/);
  });

  test("a .invalid name fails at once, without a DNS query", async () => {
    const started = performance.now();
    const { error } = await failure(send("http://nonexistent.invalid/hook"));
    assert.deepEqual(error, { code: "dns_failure", message: "DNS lookup for nonexistent.invalid failed (ENOTFOUND)." });
    assert.ok(performance.now() - started < 100);
  });

  test("a resolver error or an empty answer: dns_failure", async () => {
    const failing = await failure(
      send("http://flaky.test/", {
        resolve: () => Promise.reject(Object.assign(new Error("timeout"), { code: "EAI_AGAIN" })),
      }),
    );
    assert.deepEqual(failing.error, { code: "dns_failure", message: "DNS lookup for flaky.test failed (EAI_AGAIN)." });
    const empty = await failure(send("http://empty.test/", { resolve: async () => [] }));
    assert.equal(empty.error.code, "dns_failure");
  });

  test("a resolver that never answers is cut off by the timeout", async () => {
    const { error } = await failure(send("http://hang.test/", { timeoutMs: 200, resolve: () => new Promise(() => {}) }));
    assert.equal(error.code, "timeout");
  });

  test("URLs that are not absolute http(s) URLs: invalid_url, credentials not repeated", async () => {
    for (const url of ["not a url", "/relative", "ftp://example.test/", "http://", "http://user:hunter2@exa mple.test/"]) {
      const { error } = await failure(send(url));
      assert.equal(error.code, "invalid_url", url);
      assert.doesNotMatch(error.message, /hunter2/);
    }
  });
});
