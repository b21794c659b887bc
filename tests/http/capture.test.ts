import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import { gzipSync } from "node:zlib";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { CreatedBin, RequestDetail, RequestPage } from "@/lib/shared/api-types";
import { authorized, createBin, sendRaw } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";

const MAX_BODY_BYTES = 2 * 1024 * 1024;

let server: RunningServer;
let bin: CreatedBin;

before(async () => {
  server = await startServer({ MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
  bin = await createBin(server.url);
});
after(async () => server?.stop());

async function detail(id: string): Promise<RequestDetail> {
  const response = await fetch(`${server.url}/api/bins/${bin.id}/requests/${id}`, authorized(bin.ownerToken));
  assert.equal(response.status, 200);
  return (await response.json()) as RequestDetail;
}

async function count(): Promise<number> {
  const response = await fetch(`${server.url}/api/bins/${bin.id}`, authorized(bin.ownerToken));
  return ((await response.json()) as { requestCount: number }).requestCount;
}

describe("capture", () => {
  test("creating a bin answers 201 with its URLs and owner token", () => {
    assert.match(bin.id, /^[a-z2-9]{16}$/);
    assert.equal(bin.captureUrl, `${server.url}/h/${bin.id}`);
    assert.equal(bin.inspectUrl, `${server.url}/bins/${bin.id}`);
    assert.match(bin.shareUrl, new RegExp(`^${server.url}/bins/${bin.id}#share=.+`));
    assert.ok(bin.ownerToken.length >= 40);
    assert.equal(bin.ownerUrl, `${server.url}/bins/${bin.id}#owner=${encodeURIComponent(bin.ownerToken)}`);
  });

  test("random binary bodies round-trip byte-exact through /raw, any method", async () => {
    const cases: [string, number][] = [
      ["POST", 0],
      ["PUT", 1],
      ["PATCH", 4096],
      ["DELETE", 65_537],
      ["POST", 1_500_000],
    ];
    for (const [method, size] of cases) {
      const body = randomBytes(size);
      const response = await fetch(`${bin.captureUrl}/bytes`, { method, body, headers: { "Content-Type": "application/octet-stream" } });
      assert.equal(response.status, 200, `${method} ${size}`);
      const id = response.headers.get("x-hookscope-request-id");
      assert.ok(id, "X-Hookscope-Request-Id header");
      const raw = await fetch(`${server.url}/api/bins/${bin.id}/requests/${id}/raw`, authorized(bin.ownerToken));
      assert.equal(raw.status, 200);
      assert.equal(raw.headers.get("x-content-type-options"), "nosniff");
      assert.match(raw.headers.get("content-disposition") ?? "", /^attachment/);
      assert.ok(Buffer.from(await raw.arrayBuffer()).equals(body), `${method} ${size} bytes differ`);
      const stored = await detail(id);
      assert.equal(stored.method, method);
      assert.equal(stored.bodySize, size);
      assert.ok(Buffer.from(stored.bodyBase64, "base64").equals(body));
    }
  });

  test("headers keep their order, case and duplicates; subpath and raw query are kept", async () => {
    const payload = '{"event":"ping"}';
    const response = await sendRaw(
      server.port,
      `POST /h/${bin.id}/hooks/a%20b/?x=1&x=2&empty&enc=%2F HTTP/1.1\r\n` +
        "Host: example.test\r\n" +
        "X-Dup: first\r\n" +
        "content-TYPE: application/json\r\n" +
        "X-Dup: second\r\n" +
        "Set-Cookie: a=1\r\n" +
        "X-Dup: third\r\n" +
        `Content-Length: ${payload.length}\r\n` +
        "Connection: close\r\n\r\n" +
        payload,
    );
    assert.equal(response.status, 200);
    const id = /x-hookscope-request-id: (\S+)/i.exec(response.head)?.[1];
    assert.ok(id);
    const stored = await detail(id);
    assert.deepEqual(stored.headers, [
      ["Host", "example.test"],
      ["X-Dup", "first"],
      ["content-TYPE", "application/json"],
      ["X-Dup", "second"],
      ["Set-Cookie", "a=1"],
      ["X-Dup", "third"],
      ["Content-Length", String(payload.length)],
      ["Connection", "close"],
    ]);
    assert.equal(stored.path, "/hooks/a%20b/");
    assert.equal(stored.query, "x=1&x=2&empty&enc=%2F");
    assert.equal(stored.contentType, "application/json");
    assert.equal(stored.bodyText, payload);
    assert.equal(stored.httpVersion, "1.1");
    assert.equal(stored.remoteAddress, "127.0.0.1");
  });

  test("a request with 1,200 headers is stored with all of them (Node keeps 1,000 by default); past the size limit, 431 and nothing stored", async () => {
    const many = Array.from({ length: 1200 }, (_, i) => `x${i}: 1\r\n`).join("");
    const head = `POST /h/${bin.id}/many HTTP/1.1\r\nHost: 127.0.0.1\r\n${many}Content-Length: 2\r\nConnection: close\r\n\r\nok`;
    const answer = await sendRaw(server.port, head);
    assert.equal(answer.status, 200);
    const id = /x-hookscope-request-id: (\w+)/i.exec(answer.head)![1]!;
    const stored = await detail(id);
    assert.equal(stored.headers.length, 1200 + 3);
    assert.deepEqual(stored.headers.at(-1), ["Connection", "close"]);
    assert.equal(stored.bodyText, "ok");

    const before = await count();
    const huge = Array.from({ length: 3000 }, (_, i) => `x-big${i}: ${"v".repeat(20)}\r\n`).join("");
    // Node answers 431 and closes at once; with our header bytes still unread, the close can turn into
    // a reset that loses the answer on the way. Either way nothing may be stored.
    const refused = await sendRaw(
      server.port,
      `POST /h/${bin.id}/huge HTTP/1.1\r\nHost: 127.0.0.1\r\n${huge}Content-Length: 0\r\nConnection: close\r\n\r\n`,
    ).catch((error: NodeJS.ErrnoException) => ({ status: error.code === "ECONNRESET" ? 0 : -1 }));
    assert.ok([431, 0].includes(refused.status), `431 or a reset, not ${refused.status}`);
    assert.equal(await count(), before, "nothing stored");
  });

  test("a bare bin URL has an empty subpath; invalid UTF-8 has no text form", async () => {
    const body = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    const response = await fetch(bin.captureUrl, { method: "POST", body });
    const stored = await detail(response.headers.get("x-hookscope-request-id")!);
    assert.equal(stored.path, "");
    assert.equal(stored.query, "");
    assert.equal(stored.bodyText, null);
  });

  test("a gzip-encoded body is stored as received, not decoded", async () => {
    const gz = gzipSync(Buffer.from('{"compressed":true}'));
    const response = await fetch(bin.captureUrl, { method: "POST", body: gz, headers: { "Content-Encoding": "gzip" } });
    const stored = await detail(response.headers.get("x-hookscope-request-id")!);
    assert.ok(Buffer.from(stored.bodyBase64, "base64").equals(gz));
  });

  test("X-Forwarded-For is ignored unless TRUST_PROXY is set", async () => {
    const response = await fetch(bin.captureUrl, { headers: { "X-Forwarded-For": "203.0.113.9" } });
    const stored = await detail(response.headers.get("x-hookscope-request-id")!);
    assert.equal(stored.remoteAddress, "127.0.0.1");
  });

  test("a body over MAX_BODY_BYTES gets 413, nothing is stored, and the server keeps serving", async () => {
    const before = await count();
    const declared = await fetch(bin.captureUrl, { method: "POST", body: randomBytes(MAX_BODY_BYTES + 1) });
    assert.equal(declared.status, 413);
    const error = (await declared.json()) as { error: { code: string; message: string } };
    assert.equal(error.error.code, "payload_too_large");
    assert.match(error.error.message, /limit/);

    // Chunked upload: no Content-Length, so the limit is enforced while streaming.
    const chunk = randomBytes(256 * 1024);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 12; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const streamed = await fetch(bin.captureUrl, { method: "POST", body: stream, duplex: "half" } as RequestInit).catch((e: unknown) => e);
    if (streamed instanceof Response) assert.equal(streamed.status, 413);
    assert.equal(await count(), before);
    const after = await fetch(bin.captureUrl, { method: "POST", body: "still alive" });
    assert.equal(after.status, 200);
    assert.equal(await count(), before + 1);
  });

  test("a client still sending a refused body reads its 413, and the connection then serves the next request", async () => {
    const socket = connect(server.port, "127.0.0.1");
    let received = "";
    let failure: Error | null = null;
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
    socket.on("error", (error) => (failure = error));
    const answers = (n: number) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if ((received.match(/HTTP\/1\.1 \d{3}/g) ?? []).length >= n) resolve();
          else if (failure || socket.destroyed) reject(new Error(`connection ended after ${JSON.stringify(received.slice(0, 200))}: ${String(failure)}`));
          else setImmediate(check);
        };
        check();
      });
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const size = MAX_BODY_BYTES + 1;
    socket.write(`POST /h/${bin.id}/too-big HTTP/1.1\r\nHost: t\r\nContent-Length: ${size}\r\n\r\n`);
    // The answer comes before the body: the limit is known from Content-Length.
    await answers(1);
    assert.match(received, /^HTTP\/1\.1 413 /);
    // A client that does not read answers before it has sent its body goes on sending it.
    for (let sent = 0; sent < size; sent += 64 * 1024) socket.write(randomBytes(Math.min(64 * 1024, size - sent)));
    socket.write(`POST /h/${bin.id}/after-refusal HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nok`);
    await answers(2);
    socket.destroy();
    assert.match(received.slice(received.lastIndexOf("HTTP/1.1")), /^HTTP\/1\.1 200 /);
    assert.equal(failure, null);
  });

  test("an unknown bin gets 404 with a clear message", async () => {
    const response = await fetch(`${server.url}/h/nosuchbin000000/x`, { method: "POST", body: "x" });
    assert.equal(response.status, 404);
    const error = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(error.error.code, "bin_not_found");
    assert.match(error.error.message, /No bin/);
  });

  test("an aborted upload leaves no partial record", async () => {
    const before = await count();
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.write(`POST /h/${bin.id}/aborted HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n`);
        socket.write(Buffer.alloc(1000, 1), () => setTimeout(() => socket.destroy(), 50));
      });
      socket.on("close", () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await count(), before);
    const page = (await (await fetch(`${server.url}/api/bins/${bin.id}/requests?limit=200`, authorized(bin.ownerToken))).json()) as RequestPage;
    assert.ok(!page.requests.some((r) => r.path === "/aborted"));
  });

  test("HEAD and OPTIONS are captured too", async () => {
    for (const method of ["HEAD", "OPTIONS"]) {
      const response = await fetch(`${bin.captureUrl}/m`, { method });
      assert.equal(response.status, 200);
      assert.equal((await detail(response.headers.get("x-hookscope-request-id")!)).method, method);
    }
  });
});
