import assert from "node:assert/strict";
import { test } from "node:test";
import { parseQuery } from "./query";
import { shellQuote } from "./curl";
import { requestTarget, subpath } from "./format";
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
