import assert from "node:assert/strict";
import { test } from "node:test";
import { parseMultipart } from "@/lib/shared/body/multipart";

const enc = (s: string) => new TextEncoder().encode(s);
const join = (...chunks: (string | Uint8Array)[]) => Buffer.concat(chunks.map((c) => (typeof c === "string" ? Buffer.from(c, "latin1") : Buffer.from(c))));
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]);

function sample(boundary = "XyZ") {
  return join(
    `--${boundary}\r\n`,
    'Content-Disposition: form-data; name="title"\r\n\r\n',
    "Hello\r\nworld",
    `\r\n--${boundary}\r\n`,
    'Content-Disposition: form-data; name="file"; filename="pixel.png"\r\nContent-Type: image/png\r\n\r\n',
    PNG,
    `\r\n--${boundary}--\r\n`,
  );
}

test("parses text and file parts with their headers, keeping file bytes exact", () => {
  const result = parseMultipart(sample(), 'multipart/form-data; boundary="XyZ"');
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.equal(result.parts.length, 2);
  const [title, file] = result.parts;
  assert.equal(title?.name, "title");
  assert.equal(title?.text, "Hello\r\nworld");
  assert.deepEqual(title?.headers, [["Content-Disposition", 'form-data; name="title"']]);
  assert.equal(file?.filename, "pixel.png");
  assert.equal(file?.contentType, "image/png");
  assert.equal(file?.text, null);
  assert.equal(Buffer.compare(Buffer.from(file?.body ?? []), Buffer.from(PNG)), 0);
  assert.equal(file?.truncated, false);
});

test("a file part containing a near-boundary is not cut there", () => {
  const body = join("--b\r\nContent-Disposition: form-data; name=f; filename=x\r\n\r\n", "a\r\n--bb\r\nz", "\r\n--b--");
  const result = parseMultipart(body, "multipart/form-data; boundary=b");
  assert.ok(result.ok);
  assert.equal(Buffer.from(result.parts[0]?.body ?? []).toString("latin1"), "a\r\n--bb\r\nz");
});

test("truncated multipart keeps the complete parts and says the last one is cut", () => {
  const full = sample();
  const cut = full.subarray(0, full.length - 20);
  const result = parseMultipart(cut, "multipart/form-data; boundary=XyZ");
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.match(result.error, /ends before the closing boundary "--XyZ--"/);
  assert.equal(result.parts.length, 2);
  assert.equal(result.parts[0]?.truncated, false);
  assert.equal(result.parts[1]?.truncated, true);
});

test("a body cut inside the part headers is reported, not thrown", () => {
  const result = parseMultipart(enc("--b\r\nContent-Disposition: form-da"), "multipart/form-data; boundary=b");
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.match(result.error, /ends before the closing boundary/);
  assert.equal(result.parts[0]?.truncated, true);
});

test("a missing or wrong boundary gives a clear message", () => {
  const missing = parseMultipart(sample(), "multipart/form-data");
  assert.equal(missing.ok, false);
  if (!missing.ok) assert.match(missing.error, /no boundary parameter/);
  const wrong = parseMultipart(sample(), "multipart/form-data; boundary=nope");
  assert.equal(wrong.ok, false);
  if (!wrong.ok) assert.match(wrong.error, /boundary "nope".*does not match/);
  const empty = parseMultipart(new Uint8Array(0), "multipart/form-data; boundary=b");
  assert.equal(empty.ok, false);
});

test("preamble, bare LF line ends, RFC 5987 file names and long boundaries", () => {
  const body = join("This is a preamble\n--b\nContent-Disposition: form-data; name=a; filename*=UTF-8''na%C3%AFve.txt\n\nx\n--b--\n");
  const result = parseMultipart(body, "multipart/mixed; boundary=b");
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.equal(result.parts[0]?.filename, "naïve.txt");
  assert.match(result.warnings[0] ?? "", /preamble/);
  const long = "x".repeat(80);
  const longResult = parseMultipart(sample(long), `multipart/form-data; boundary=${long}`);
  assert.ok(longResult.ok);
  if (longResult.ok) assert.match(longResult.warnings.join(" "), /at most 70/);
});
