import assert from "node:assert/strict";
import { test } from "node:test";
import { childPath, formatJson, parseJson, tokenizeJson, type JsonNode } from "@/lib/shared/body/json";

test("parseJson keeps number text, marks precision loss and duplicate keys", () => {
  const result = parseJson('{"n":12345678901234567890,"a":1,"a":2,"f":0.1,"big":1e400,"s":"x\\"y\\u00e9"}');
  assert.ok(result.ok);
  const root = result.root as Extract<JsonNode, { kind: "object" }>;
  const [n, a1, a2, f, big, s] = root.entries;
  assert.deepEqual(n?.value, { kind: "number", start: 5, end: 25, raw: "12345678901234567890", lossy: true });
  assert.equal(a1?.duplicate, false);
  assert.equal(a2?.duplicate, true);
  assert.equal(f?.value.kind === "number" && f.value.lossy, false);
  assert.equal(big?.value.kind === "number" && big.value.lossy, true);
  assert.equal(s?.value.kind === "string" && s.value.value, 'x"yé');
});

test("parseJson reports the line and column of the first error", () => {
  const result = parseJson('{\n  "a": 1,\n  "b": tru\n}');
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.error.line, 3);
  assert.equal(result.error.column, 8);
  assert.match(result.error.message, /Unexpected 't'/);
});

test("parseJson explains common mistakes without throwing", () => {
  const cases: [string, RegExp, number, number][] = [
    ['{"a":1,}', /property name/, 1, 8],
    ["{'a':1}", /property name in double quotes/, 1, 2],
    ['{"a":1} x', /after the end/, 1, 9],
    ['["unterminated', /Unterminated string/, 1, 2],
    ['{"a":01}', /',' or '}'/, 1, 7],
    ["", /end of the text/, 1, 1],
    ['"bad \\x escape"', /Invalid escape/, 1, 6],
    ['"tab\there"', /control character U\+0009/, 1, 5],
    ["[".repeat(600), /deeper than/, 1, 514],
  ];
  for (const [text, message, line, column] of cases) {
    const result = parseJson(text);
    assert.equal(result.ok, false, text);
    if (result.ok) continue;
    assert.match(result.error.message, message, text);
    assert.deepEqual([result.error.line, result.error.column], [line, column], text);
  }
});

test("parseJson accepts scalars, empty containers and a byte order mark", () => {
  assert.ok(parseJson("42").ok);
  assert.ok(parseJson(" [ ] ").ok);
  assert.ok(parseJson("\uFEFF{}").ok);
  assert.ok(parseJson('{"":null,"t":true,"f":false,"e":-1.5E+3}').ok);
});

test("childPath builds JSONPath-like paths", () => {
  assert.equal(childPath(childPath(childPath("$", "data"), "items"), 0), "$.data.items[0]");
  assert.equal(childPath("$", "odd key"), '$["odd key"]');
  assert.equal(childPath("$", 'q"uote'), '$["q\\"uote"]');
});

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
  assert.equal(formatJson('["a,b:{c}","\\\\"]'), '[\n  "a,b:{c}",\n  "\\\\"\n]');
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
