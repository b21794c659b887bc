import assert from "node:assert/strict";
import { test } from "node:test";
import { parseMediaType } from "@/lib/shared/body/content-type";
import { parseForm } from "@/lib/shared/body/form";
import { hexDump, hexLine } from "@/lib/shared/body/hex";
import { sniffImage } from "@/lib/shared/body/sniff";
import { decodeUtf8 } from "@/lib/shared/body/utf8";
import { prettyXml, xmlLinesToText } from "@/lib/shared/body/xml";

test("parseForm keeps order and duplicates and never re-encodes", () => {
  const fields = parseForm("a=1&b=x+y&a=%E2%9C%93&flag&empty=&&c=%3D%26");
  assert.deepEqual(
    fields.map((f) => [f.name, f.value, f.hasValue, f.raw]),
    [
      ["a", "1", true, "a=1"],
      ["b", "x y", true, "b=x+y"],
      ["a", "✓", true, "a=%E2%9C%93"],
      ["flag", "", false, "flag"],
      ["empty", "", true, "empty="],
      ["c", "=&", true, "c=%3D%26"],
    ],
  );
  assert.ok(fields.every((f) => f.problems.length === 0));
});

test("parseForm flags bad escapes and invalid UTF-8 instead of failing", () => {
  const [bad, latin1, emoji] = parseForm("p=100%&q=%E9t%E9&e=😀%21");
  assert.equal(bad?.value, "100%");
  assert.match(bad?.problems[0] ?? "", /not a valid percent-escape/);
  assert.equal(latin1?.value, "\uFFFDt\uFFFD");
  assert.match(latin1?.problems[0] ?? "", /not valid UTF-8/);
  assert.equal(emoji?.value, "😀!");
});

test("decodeUtf8 finds the first invalid byte and tolerates a cut prefix", () => {
  assert.deepEqual(decodeUtf8(new TextEncoder().encode("héllo")), { ok: true, text: "héllo" });
  const bad = decodeUtf8(Uint8Array.from([0x61, 0x62, 0xc3, 0x28, 0x63]));
  assert.equal(bad.ok, false);
  if (!bad.ok) {
    assert.equal(bad.offset, 2);
    assert.equal(bad.lossy, "ab\uFFFD(c");
  }
  const overlong = decodeUtf8(Uint8Array.from([0x41, 0xc0, 0xaf]));
  assert.equal(!overlong.ok && overlong.offset, 1);
  const euro = new TextEncoder().encode("a€");
  assert.equal(decodeUtf8(euro.subarray(0, 3)).ok, false);
  assert.deepEqual(decodeUtf8(euro.subarray(0, 3), { prefix: true }), { ok: true, text: "a" });
});

test("parseMediaType reads quoted parameters and keeps their case", () => {
  const type = parseMediaType('Multipart/Form-Data; charset=utf-8; boundary="a;b \\"c\\""');
  assert.equal(type.essence, "multipart/form-data");
  assert.equal(type.params.get("boundary"), 'a;b "c"');
  assert.equal(type.params.get("charset"), "utf-8");
  assert.equal(parseMediaType(null).essence, "");
  assert.equal(parseMediaType(";;=;x").essence, "");
});

test("prettyXml indents elements and keeps text and attributes as written", () => {
  const xml = '<?xml version="1.0"?><order id="7" note="a>b"><item sku="x">Tea &amp; cake</item><empty/><!-- c --><![CDATA[<raw>]]></order>';
  const pretty = prettyXml(xml);
  assert.equal(pretty.problem, null);
  assert.equal(
    xmlLinesToText(pretty.lines),
    [
      '<?xml version="1.0"?>',
      '<order id="7" note="a>b">',
      '  <item sku="x">Tea &amp; cake</item>',
      "  <empty/>",
      "  <!-- c -->",
      "  <![CDATA[<raw>]]>",
      "</order>",
    ].join("\n"),
  );
});

test("prettyXml reports mismatched and unterminated markup with a position", () => {
  const mismatch = prettyXml("<a>\n  <b>x</c>\n</a>");
  assert.match(mismatch.problem?.message ?? "", /<\/c> does not match <b>/);
  assert.deepEqual([mismatch.problem?.line, mismatch.problem?.column], [2, 7]);
  const open = prettyXml("<a><b>");
  assert.match(open.problem?.message ?? "", /never closed/);
  const cut = prettyXml('<a href="x');
  assert.match(cut.problem?.message ?? "", /Unterminated tag/);
  assert.match(prettyXml("<a><!-- never ends").problem?.message ?? "", /Unterminated comment/);
});

test("sniffImage trusts magic bytes, not names", () => {
  assert.equal(sniffImage(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), "image/png");
  assert.equal(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])), "image/jpeg");
  assert.equal(sniffImage(new TextEncoder().encode("GIF89a....")), "image/gif");
  assert.equal(sniffImage(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 ")), "image/webp");
  assert.equal(sniffImage(new TextEncoder().encode("<svg xmlns=")), null);
  assert.equal(sniffImage(new Uint8Array(0)), null);
});

test("hexDump lays out offset, hex and ASCII like hexdump -C", () => {
  const bytes = new Uint8Array([...Buffer.from("Hello, world!\n"), 0, 255, 16]);
  assert.equal(
    hexDump(bytes),
    "00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 ff  |Hello, world!...|\n00000010  10                                                |.|",
  );
  assert.equal(hexLine(bytes, 1), "00000010  10                                                |.|");
});
