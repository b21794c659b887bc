import assert from "node:assert/strict";
import { test } from "node:test";
import { formatJson, hexDump, looksLikeJson, tokenizeJson } from "./body";
import { parseQuery } from "./query";
import { shellQuote } from "./curl";
import { requestTarget, subpath } from "./format";

test("formatJson indents without altering numbers, escapes or duplicate keys", () => {
  const input = '{"n":12345678901234567890,"a":1,"a":2,"s":"x\\"y\\u00e9","e":[],"o":{}, "l":[true ,null]}';
  assert.equal(
    formatJson(input),
    [
      "{",
      '  "n": 12345678901234567890,',
      '  "a": 1,',
      '  "a": 2,',
      '  "s": "x\\"y\\u00e9",',
      '  "e": [],',
      '  "o": {},',
      '  "l": [',
      "    true,",
      "    null",
      "  ]",
      "}",
    ].join("\n"),
  );
});

test("formatJson keeps structural characters inside strings", () => {
  assert.equal(formatJson('["a,b:{c}","\\\\"]'), '[\n  "a,b:{c}",\n  "\\\\"\n]');
});

test("looksLikeJson accepts objects and arrays only", () => {
  assert.equal(looksLikeJson('{"a":1}'), true);
  assert.equal(looksLikeJson(" [1]"), true);
  assert.equal(looksLikeJson("42"), false);
  assert.equal(looksLikeJson("{oops"), false);
});

test("tokenizeJson separates keys from string values", () => {
  const kinds = tokenizeJson('{\n  "k": "v",\n  "n": -1.5e3\n}').filter((t) => t.kind !== "plain");
  assert.deepEqual(kinds, [
    { kind: "key", text: '"k"' },
    { kind: "string", text: '"v"' },
    { kind: "key", text: '"n"' },
    { kind: "number", text: "-1.5e3" },
  ]);
});

test("hexDump lays out offset, hex and ASCII like hexdump -C", () => {
  const bytes = new Uint8Array([...Buffer.from("Hello, world!\n"), 0, 255, 16]);
  assert.equal(hexDump(bytes), "00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 ff  |Hello, world!...|\n00000010  10                                                |.|");
  assert.equal(hexDump(new Uint8Array(100), 32).split("\n").length, 2);
});

test("parseQuery keeps order and duplicates and decodes", () => {
  assert.deepEqual(parseQuery("?a=1&b=x+y&a=%E2%9C%93&flag"), [
    ["a", "1"],
    ["b", "x y"],
    ["a", "✓"],
    ["flag", ""],
  ]);
  assert.deepEqual(parseQuery(""), []);
});

test("shellQuote survives single quotes", () => {
  assert.equal(shellQuote("it's"), "'it'\\''s'");
});

test("subpath and requestTarget rebuild the capture URL path", () => {
  assert.equal(subpath("/x/y"), "/x/y");
  assert.equal(subpath(""), "/");
  assert.equal(requestTarget("/x", "a=1", "abc"), "/h/abc/x?a=1");
  assert.equal(requestTarget("", "", "abc"), "/h/abc");
  assert.equal(requestTarget("/h/abc/x", "", "abc"), "/h/abc/h/abc/x");
});
