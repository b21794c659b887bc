import assert from "node:assert/strict";
import { test } from "node:test";
import { rowText, textRowStarts } from "./text-rows";

const rows = (text: string, width: number) => {
  const starts = textRowStarts(text, width);
  return Array.from(starts, (_, index) => rowText(text, starts, index));
};

test("rows break at line ends and every `width` characters, and give the text back whole", () => {
  assert.deepEqual(rows("abcdefgh\nij\r\n\nk", 3), ["abc", "def", "gh", "ij", "", "k"]);
  assert.deepEqual(rows("", 10), [""]);
  assert.deepEqual(rows("ends with a newline\n", 100), ["ends with a newline", ""]);
  const json = JSON.stringify({ items: Array.from({ length: 5000 }, (_, i) => ({ i, name: `item ${i}` })) });
  const cut = rows(json, 120);
  assert.equal(cut.length, Math.ceil(json.length / 120));
  assert.equal(cut.join(""), json);
});

test("a multi-megabyte single line costs one offset per row", () => {
  const text = "x".repeat(3 * 1024 * 1024);
  const starts = textRowStarts(text, 100);
  assert.equal(starts.length, Math.ceil(text.length / 100));
  assert.equal(rowText(text, starts, starts.length - 1).length, text.length % 100 || 100);
});
