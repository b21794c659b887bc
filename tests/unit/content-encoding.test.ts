import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeContentEncoding, parseByteRange } from "@/lib/server/requests/content-encoding";

const text = Buffer.from('{"hello":"world"}'.repeat(100));
const encoded = (...values: string[]): [string, string][] => values.map((value) => ["Content-Encoding", value]);

test("undoes gzip, deflate (zlib and raw), br, and chains", () => {
  for (const [encoding, body] of [
    ["gzip", gzipSync(text)],
    ["deflate", deflateSync(text)],
    ["deflate", deflateRawSync(text)],
    ["br", brotliCompressSync(text)],
    ["gzip, br", brotliCompressSync(gzipSync(text))],
  ] as const) {
    const result = decodeContentEncoding(body, encoded(encoding));
    assert.ok(result.ok, encoding);
    assert.ok(result.bytes.equals(text), encoding);
  }
});

test("several Content-Encoding lines are one list, in order, as the browser reads them too", async () => {
  const twice = brotliCompressSync(gzipSync(text));
  const result = decodeContentEncoding(twice, [
    ["content-encoding", "gzip"],
    ["X-Other", "1"],
    ["Content-Encoding", "br"],
  ]);
  assert.ok(result.ok && result.bytes.equals(text));
  assert.deepEqual(result.ok && result.encodings, ["gzip", "br"]);
  const { contentCodings } = await import("@/lib/shared/body/encoding");
  assert.deepEqual(
    contentCodings([
      ["Content-Encoding", "x-gzip"],
      ["content-encoding", "identity, br"],
    ]),
    ["gzip", "br"],
  );
});

test("refuses what it cannot decode, with the reason", () => {
  const broken = decodeContentEncoding(Buffer.from("not gzip at all"), encoded("gzip"));
  assert.equal(broken.ok, false);
  assert.match((broken as { message: string }).message, /could not be decoded as gzip/);
  assert.match((decodeContentEncoding(text, encoded("zstd")) as { message: string }).message, /not an encoding Hookscope can undo/);
  assert.match((decodeContentEncoding(text, [["Content-Type", "text/plain"]]) as { message: string }).message, /no Content-Encoding/);
  const bomb = gzipSync(Buffer.alloc(70 * 1024 * 1024));
  assert.match((decodeContentEncoding(bomb, encoded("gzip")) as { message: string }).message, /more than/);
});

test("parses one byte range", () => {
  assert.deepEqual(parseByteRange("bytes=0-99", 1000), { start: 0, end: 99 });
  assert.deepEqual(parseByteRange("bytes=900-", 1000), { start: 900, end: 999 });
  assert.deepEqual(parseByteRange("bytes=-100", 1000), { start: 900, end: 999 });
  assert.deepEqual(parseByteRange("bytes=0-5000", 1000), { start: 0, end: 999 });
  assert.equal(parseByteRange("bytes=1000-", 1000), "unsatisfiable");
  assert.equal(parseByteRange("bytes=0-1,5-6", 1000), null);
  assert.equal(parseByteRange(null, 1000), null);
});
