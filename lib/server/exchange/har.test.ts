import assert from "node:assert/strict";
import { test } from "node:test";
import { fromHar, HarSchema, toHar } from "./har";
import type { PortableRequest } from "./model";

const CAPTURE_URL = "https://hooks.example.com/h/bin1";

function portable(body: Uint8Array, over: Partial<PortableRequest> = {}): PortableRequest & { id: string } {
  return {
    id: "0123456789abcdefghijkl",
    method: "POST",
    path: "/upload",
    query: "a=1&a=2",
    headers: [
      ["Content-Type", "application/octet-stream"],
      ["X-Dup", "1"],
      ["x-dup", "2"],
    ],
    body,
    remoteAddress: "203.0.113.9",
    httpVersion: "1.1",
    receivedAt: new Date("2025-01-02T03:04:05.678Z"),
    responseStatus: 200,
    responseRule: null,
    ...over,
  };
}

type HarEntry = {
  request: { postData?: Record<string, unknown> };
  response: { status: number; statusText: string; headers: { name: string; value: string }[]; comment: string };
};

/** Through JSON text, as a file would go: nothing survives that JSON cannot carry. */
function roundTrip(requests: (PortableRequest & { id: string })[]): { entries: HarEntry[]; back: PortableRequest[] } {
  const file = JSON.parse(JSON.stringify(toHar(CAPTURE_URL, requests, "test"))) as { log: { entries: HarEntry[] } };
  return { entries: file.log.entries, back: fromHar(HarSchema.parse(file)) };
}

test("a binary body is HAR 1.2 base64 content and comes back byte for byte", () => {
  const bytes = Uint8Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256);
  const { entries, back } = roundTrip([portable(bytes)]);
  const postData = entries[0]!.request.postData!;
  assert.equal(postData.encoding, "base64");
  assert.equal(postData.text, Buffer.from(bytes).toString("base64"));
  assert.equal(postData._bodyBase64, undefined, "no more non-standard field");
  assert.deepEqual(back[0]!.body, bytes);
  assert.deepEqual(back[0]!.headers, [
    ["Content-Type", "application/octet-stream"],
    ["X-Dup", "1"],
    ["x-dup", "2"],
  ]);
  assert.equal(back[0]!.query, "a=1&a=2");
  assert.equal(back[0]!.path, "/upload");
});

test("text bodies stay readable text, BOM and all, and empty bodies stay empty", () => {
  const text = new TextEncoder().encode('\uFEFF{"name":"Zoë","emoji":"🪝"}\r\n');
  const { entries, back } = roundTrip([portable(text, { headers: [["Content-Type", "application/json"]] }), portable(new Uint8Array(0), { method: "GET" })]);
  assert.equal(entries[0]!.request.postData!.encoding, undefined);
  assert.equal(entries[0]!.request.postData!.text, '\uFEFF{"name":"Zoë","emoji":"🪝"}\r\n');
  assert.deepEqual(back[0]!.body, text);
  assert.equal(entries[1]!.request.postData, undefined);
  assert.equal(back[1]!.body.length, 0);
});

test('exports made before HAR base64 (text "" beside _bodyBase64) still import byte for byte', () => {
  const bytes = Uint8Array.from([0, 255, 0x80, 0xc3, 0x28, 10]);
  const old = {
    log: {
      version: "1.2",
      entries: [
        {
          startedDateTime: "2024-05-06T07:08:09.000Z",
          request: {
            method: "POST",
            url: `${CAPTURE_URL}/legacy`,
            httpVersion: "HTTP/1.1",
            headers: [{ name: "Content-Type", value: "application/octet-stream" }],
            postData: { mimeType: "application/octet-stream", text: "", _bodyBase64: Buffer.from(bytes).toString("base64") },
          },
          response: { status: 202 },
          _hookscope: { id: "x", remoteAddress: "198.51.100.7" },
        },
      ],
    },
  };
  const [request] = fromHar(HarSchema.parse(old));
  assert.deepEqual(request!.body, bytes);
  assert.equal(request!.path, "/legacy");
  assert.equal(request!.responseStatus, 202);
  assert.equal(request!.responseRule, null);
  assert.equal(request!.remoteAddress, "198.51.100.7");
});

test("the response is what Hookscope answered, as far as it is stored", () => {
  const { entries, back } = roundTrip([
    portable(new Uint8Array(0), { responseStatus: 503, responseRule: "Stripe outage drill" }),
    portable(new Uint8Array(0)),
    portable(new Uint8Array(0), { responseStatus: 0, responseRule: "rule 1: hold the connection on every request" }),
  ]);
  const [failed, plain, held] = entries.map((entry) => entry.response);
  assert.equal(failed!.status, 503);
  assert.equal(failed!.statusText, "Service Unavailable");
  assert.deepEqual(failed!.headers, [{ name: "X-Hookscope-Request-Id", value: "0123456789abcdefghijkl" }]);
  assert.match(failed!.comment, /answered 503 \(Stripe outage drill\).*not stored per request/);
  assert.match(plain!.comment, /answered 200 \(the bin's configured response\)/);
  assert.equal(held!.status, 0);
  assert.deepEqual(held!.headers, []);
  assert.match(held!.comment, /No answer/);
  assert.deepEqual(
    back.map((request) => [request.responseStatus, request.responseRule]),
    [
      [503, "Stripe outage drill"],
      [200, null],
      [0, "rule 1: hold the connection on every request"],
    ],
  );
});
