import assert from "node:assert/strict";
import { test } from "node:test";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { analyzeBody } from "@/lib/shared/body/analyze";
import { decodeBody, parseContentEncoding } from "@/lib/shared/body/encoding";

const text = '{"hello":"world"}';

test("gzip and deflate (zlib or raw) decode to the original bytes", async () => {
  for (const [codings, bytes] of [
    [["gzip"], gzipSync(text)],
    [["deflate"], deflateSync(text)],
    [["deflate"], deflateRawSync(text)],
    [["deflate", "gzip"], gzipSync(deflateSync(text))],
  ] as const) {
    const result = await decodeBody(new Uint8Array(bytes), codings);
    assert.ok(result.ok, codings.join(","));
    if (result.ok) assert.equal(Buffer.from(result.bytes).toString(), text);
  }
});

test("invalid or truncated gzip gives a clear message and no crash", async () => {
  const garbage = await decodeBody(new TextEncoder().encode("definitely not gzip"), ["gzip"]);
  assert.equal(garbage.ok, false);
  if (!garbage.ok) assert.match(garbage.error, /^Could not decode gzip: /);
  const whole = gzipSync("x".repeat(10_000));
  const cut = await decodeBody(new Uint8Array(whole.subarray(0, whole.length - 10)), ["gzip"]);
  assert.equal(cut.ok, false);
  if (!cut.ok) assert.match(cut.error, /Could not decode gzip/);
});

test("decoding stops at the size limit instead of inflating a bomb", async () => {
  const bomb = gzipSync(Buffer.alloc(5_000_000));
  const result = await decodeBody(new Uint8Array(bomb), ["gzip"], 1_000_000);
  assert.ok(result.ok);
  if (result.ok) {
    assert.equal(result.capped, true);
    assert.equal(result.bytes.length, 1_000_000);
  }
});

test("br is reported as unsupported where the platform lacks it, and unknown codings too", async () => {
  const br = await decodeBody(new Uint8Array(brotliCompressSync(text)), ["br"]);
  if (!br.ok) {
    assert.equal(br.unsupported, true);
    assert.match(br.error, /cannot decode "br"/);
  } else {
    assert.equal(Buffer.from(br.bytes).toString(), text);
  }
  const zstd = await decodeBody(new Uint8Array(4), ["zstd"]);
  assert.equal(zstd.ok, false);
  if (!zstd.ok) assert.equal(zstd.unsupported, true);
});

test("parseContentEncoding lists codings in order and ignores identity", () => {
  assert.deepEqual(parseContentEncoding("gzip"), ["gzip"]);
  assert.deepEqual(parseContentEncoding("deflate, X-GZIP"), ["deflate", "gzip"]);
  assert.equal(parseContentEncoding("identity"), null);
  assert.equal(parseContentEncoding(null), null);
});

const enc = (s: string) => new TextEncoder().encode(s);

test("analyzeBody picks views from the declared type and the bytes", () => {
  assert.deepEqual(analyzeBody(enc('{"a":1}'), "application/json", true).views, ["tree", "pretty", "text", "hex"]);
  // JSON by content, whatever the declared type.
  assert.deepEqual(analyzeBody(enc("[1,2]"), "text/plain", true).views, ["tree", "pretty", "text", "hex"]);
  // Declared JSON that does not parse still gets the JSON view, which shows the error.
  const broken = analyzeBody(enc('{"a":'), "application/json", true);
  assert.deepEqual(broken.views, ["tree", "pretty", "text", "hex"]);
  assert.equal(broken.json?.ok, false);
  assert.deepEqual(analyzeBody(enc("{not json"), null, true).views, ["text", "hex"]);
  assert.deepEqual(analyzeBody(enc("a=1&a=2"), "application/x-www-form-urlencoded", true).views, ["fields", "text", "hex"]);
  assert.deepEqual(analyzeBody(enc("<a/>"), "application/xml", true).views, ["xml", "text", "hex"]);
  assert.deepEqual(analyzeBody(enc("--b\r\n"), "multipart/form-data; boundary=b", true).views, ["parts", "text", "hex"]);
  // Markup is never offered as anything but text.
  assert.deepEqual(analyzeBody(enc("<svg onload=x>"), "image/svg+xml", true).views, ["text", "hex"]);
  assert.deepEqual(analyzeBody(enc("<html><script>"), "text/html", true).views, ["text", "hex"]);
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0xff]);
  assert.deepEqual(analyzeBody(png, "application/octet-stream", true).views, ["image", "hex"]);
  const liar = analyzeBody(enc("not a png"), "image/png", true);
  assert.deepEqual(liar.views, ["text", "hex"]);
  assert.match(liar.notes[0] ?? "", /not a PNG/);
  const binary = analyzeBody(Uint8Array.from([0xff, 0xfe, 0x00]), null, true);
  assert.deepEqual(binary.views, ["hex"]);
  assert.match(binary.notes[0] ?? "", /offset 0/);
});

test("a prefix of a large JSON body offers the views without parsing yet", () => {
  const result = analyzeBody(enc('{"a":[1,2,'), "application/json", false);
  assert.deepEqual(result.views, ["tree", "pretty", "text", "hex"]);
  assert.equal(result.json, null);
});
