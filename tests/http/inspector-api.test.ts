import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import type { BinInfo, CreatedBin, RequestPage } from "@/lib/shared/api-types";
import { authorized, createBin, sendRaw } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
let bin: CreatedBin;
const ids: string[] = [];

before(async () => {
  server = await startServer();
  bin = await createBin(server.url);
  ids.push(
    (await fetch(`${bin.captureUrl}/orders/1`, { method: "POST", body: "needle-in-the-oldest", headers: { "X-Event": "order.created" } })).headers.get(
      "x-hookscope-request-id",
    )!,
  );
  for (let i = 0; i < 70; i++) {
    ids.push(
      (await fetch(`${bin.captureUrl}/noise/${i}`, { method: i % 2 ? "PUT" : "POST", body: `noise ${i}`, headers: { "X-Event": "noise" } })).headers.get(
        "x-hookscope-request-id",
      )!,
    );
  }
});
after(async () => server?.stop());

async function search(query: string): Promise<RequestPage> {
  const response = await fetch(`${server.url}/api/bins/${bin.id}/requests?${query}`, authorized(bin.ownerToken));
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as RequestPage;
}

describe("search", () => {
  test("finds a request that is not on the first page, by body text", async () => {
    const firstPage = await search("limit=50");
    assert.ok(!firstPage.requests.some((r) => r.id === ids[0]));
    const found = await search("q=needle-in-the");
    assert.deepEqual(
      found.requests.map((r) => r.id),
      [ids[0]],
    );
  });

  test("filters by method, subpath prefix, header name and value, and time", async () => {
    assert.equal((await search("method=put&limit=200")).requests.length, 35);
    assert.equal((await search("path=/noise/1*&limit=200")).requests.length, 11);
    assert.deepEqual(
      (await search("path=/orders/1")).requests.map((r) => r.id),
      [ids[0]],
    );
    assert.deepEqual(
      (await search("header=X-EVENT&headerValue=order.created")).requests.map((r) => r.id),
      [ids[0]],
    );
    assert.equal((await search("header=x-event&limit=200")).requests.length, 71);
    assert.equal((await search("header=x-missing")).requests.length, 0);
    assert.equal((await search(`to=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`)).requests.length, 0);
  });

  test("search results page with the same cursor", async () => {
    const first = await search("method=POST&limit=10");
    const second = await search(`method=POST&limit=10&before=${first.nextBefore}`);
    assert.equal(new Set([...first.requests, ...second.requests].map((r) => r.id)).size, 20);
    assert.ok(second.requests.every((r) => r.method === "POST"));
  });

  test("LIKE wildcards in a header search are literal", async () => {
    assert.equal((await search("header=x-ev%25")).requests.length, 0);
    assert.equal((await search("header=x_event")).requests.length, 0);
  });

  test("a bad time is a clear 400", async () => {
    const response = await fetch(`${server.url}/api/bins/${bin.id}/requests?from=yesterday`, authorized(bin.ownerToken));
    assert.equal(response.status, 400);
  });
});

test("the timeline counts every stored request", async () => {
  const response = await fetch(`${server.url}/api/bins/${bin.id}/timeline?buckets=10`, authorized(bin.ownerToken));
  const timeline = (await response.json()) as { counts: number[]; bucketMs: number };
  assert.equal(timeline.counts.length, 10);
  assert.equal(
    timeline.counts.reduce((a, b) => a + b, 0),
    71,
  );
});

describe("share link rotation", () => {
  test("revokes the old link for REST and for connected viewers", async () => {
    const own = await createBin(server.url);
    const oldShare = decodeURIComponent(own.shareUrl.split("#share=")[1]!);
    const viewer = io(server.url, { transports: ["websocket"], reconnection: false });
    try {
      await new Promise<void>((resolve) => viewer.once("connect", () => resolve()));
      const ack = await viewer.timeout(5000).emitWithAck("bin:join", { binId: own.id, token: oldShare, after: null });
      assert.equal(ack.ok, true);
      const revoked = new Promise<{ binId: string }>((resolve) => viewer.once("bin:access-revoked", resolve));
      const rotated = await fetch(`${server.url}/api/bins/${own.id}/share/rotate`, { method: "POST", ...authorized(own.ownerToken) });
      assert.equal(rotated.status, 200);
      const info = (await rotated.json()) as BinInfo;
      assert.notEqual(info.shareUrl, own.shareUrl);
      assert.deepEqual(await revoked, { binId: own.id });
      assert.equal((await fetch(`${server.url}/api/bins/${own.id}`, authorized(oldShare))).status, 404);
      const newShare = decodeURIComponent(info.shareUrl!.split("#share=")[1]!);
      assert.equal((await fetch(`${server.url}/api/bins/${own.id}`, authorized(newShare))).status, 200);
      let leaked = 0;
      viewer.on("request:new", () => leaked++);
      // The owner hears the capture; a round trip on the viewer's connection then brings anything the
      // server had sent it before (answers come in order per connection), so "nothing" is really nothing.
      const owner = io(server.url, { transports: ["websocket"], reconnection: false });
      try {
        await new Promise<void>((resolve) => owner.once("connect", () => resolve()));
        assert.equal((await owner.timeout(5000).emitWithAck("bin:join", { binId: own.id, token: own.ownerToken, after: null })).ok, true);
        const heard = new Promise((resolve) => owner.once("request:new", resolve));
        await fetch(own.captureUrl, { method: "POST" });
        await heard;
        await viewer.timeout(5000).emitWithAck("bin:join", { binId: "round-trip", token: "x", after: null });
      } finally {
        owner.disconnect();
      }
      assert.equal(leaked, 0, "a revoked viewer hears nothing more");
    } finally {
      viewer.disconnect();
    }
  });

  test("only the owner may rotate", async () => {
    const own = await createBin(server.url);
    const share = decodeURIComponent(own.shareUrl.split("#share=")[1]!);
    assert.equal((await fetch(`${server.url}/api/bins/${own.id}/share/rotate`, { method: "POST", ...authorized(share) })).status, 403);
  });
});

describe("export and import", () => {
  for (const format of ["har", "json"] as const) {
    test(`a ${format} export imports back into a new bin with byte-identical bodies`, async () => {
      const source = await createBin(server.url);
      const bodies = [randomBytes(3000), Buffer.from('{"text":"héllo"}'), Buffer.alloc(0)];
      for (const [i, body] of bodies.entries()) {
        const head = `${i === 2 ? "GET" : "POST"} /h/${source.id}/p/${i}?x=${i}&x=y HTTP/1.1\r\nHost: t\r\nX-Dup: a\r\nx-dup: b\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
        assert.equal((await sendRaw(server.port, Buffer.concat([Buffer.from(head), body]))).status, 200);
      }
      const exported = await fetch(`${server.url}/api/bins/${source.id}/export?format=${format}`, authorized(source.ownerToken));
      assert.equal(exported.status, 200);
      assert.match(exported.headers.get("content-disposition") ?? "", new RegExp(`attachment; filename="hookscope-${source.id}-.*\\.${format}"`));
      const imported = await fetch(`${server.url}/api/bins/import`, { method: "POST", body: await exported.text() });
      assert.equal(imported.status, 201, await imported.clone().text());
      const copy = (await imported.json()) as CreatedBin & { imported: number };
      assert.equal(copy.imported, 3);
      const page = (await (await fetch(`${server.url}/api/bins/${copy.id}/requests`, authorized(copy.ownerToken))).json()) as RequestPage;
      const oldestFirst = [...page.requests].reverse();
      assert.deepEqual(
        oldestFirst.map((r) => `${r.method} ${r.path}?${r.query}`),
        ["POST /p/0?x=0&x=y", "POST /p/1?x=1&x=y", "GET /p/2?x=2&x=y"],
      );
      for (const [i, summary] of oldestFirst.entries()) {
        const raw = await fetch(`${server.url}/api/bins/${copy.id}/requests/${summary.id}/raw`, authorized(copy.ownerToken));
        assert.ok(Buffer.from(await raw.arrayBuffer()).equals(bodies[i]!), `body ${i}`);
        const detail = (await (await fetch(`${server.url}/api/bins/${copy.id}/requests/${summary.id}`, authorized(copy.ownerToken))).json()) as {
          headers: [string, string][];
        };
        assert.deepEqual(
          detail.headers.filter(([name]) => name.toLowerCase() === "x-dup"),
          [
            ["X-Dup", "a"],
            ["x-dup", "b"],
          ],
        );
      }
    });
  }

  test("a file that is not an export is refused clearly", async () => {
    const response = await fetch(`${server.url}/api/bins/import`, { method: "POST", body: JSON.stringify({ hello: "world" }) });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /neither a Hookscope JSON export nor a HAR/);
  });
});

describe("large and encoded bodies", () => {
  test("/raw serves one byte range; the detail leaves out bodies over 2 MiB", async () => {
    const own = await createBin(server.url);
    const body = randomBytes(3 * 1024 * 1024);
    const id = (await fetch(own.captureUrl, { method: "POST", body })).headers.get("x-hookscope-request-id")!;
    const partial = await fetch(`${server.url}/api/bins/${own.id}/requests/${id}/raw`, {
      headers: { ...authorized(own.ownerToken).headers, Range: "bytes=0-99" },
    });
    assert.equal(partial.status, 206);
    assert.equal(partial.headers.get("content-range"), `bytes 0-99/${body.length}`);
    assert.ok(Buffer.from(await partial.arrayBuffer()).equals(body.subarray(0, 100)));
    const beyond = await fetch(`${server.url}/api/bins/${own.id}/requests/${id}/raw`, {
      headers: { ...authorized(own.ownerToken).headers, Range: `bytes=${body.length}-` },
    });
    assert.equal(beyond.status, 416);
    const detail = (await (await fetch(`${server.url}/api/bins/${own.id}/requests/${id}`, authorized(own.ownerToken))).json()) as {
      bodyBase64: string;
      bodyOmitted: boolean;
      bodySize: number;
    };
    assert.deepEqual([detail.bodyBase64, detail.bodyOmitted, detail.bodySize], ["", true, body.length]);
  });

  test("/decoded undoes gzip and br, and says why it cannot", async () => {
    const { brotliCompressSync, gzipSync } = await import("node:zlib");
    const own = await createBin(server.url);
    const text = Buffer.from('{"compressed":"yes"}');
    for (const [encoding, body] of [
      ["gzip", gzipSync(text)],
      ["br", brotliCompressSync(text)],
      ["gzip", Buffer.from("not gzip")],
    ] as const) {
      const id = (await fetch(own.captureUrl, { method: "POST", body, headers: { "Content-Encoding": encoding } })).headers.get("x-hookscope-request-id")!;
      const decoded = await fetch(`${server.url}/api/bins/${own.id}/requests/${id}/decoded`, authorized(own.ownerToken));
      if (body.toString() === "not gzip") {
        assert.equal(decoded.status, 422);
        assert.match(((await decoded.json()) as { error: { message: string } }).error.message, /could not be decoded as gzip/);
      } else {
        assert.equal(decoded.status, 200, encoding);
        assert.equal(decoded.headers.get("x-content-type-options"), "nosniff");
        assert.ok(Buffer.from(await decoded.arrayBuffer()).equals(text), encoding);
      }
    }
  });
});
