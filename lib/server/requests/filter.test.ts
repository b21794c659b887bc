import assert from "node:assert/strict";
import { test } from "node:test";
import type { RequestDetail } from "@/lib/shared/api-types";
import { matchesFilter } from "./filter";

const withBody = (bodyText: string) => ({ method: "POST", path: "", headers: [], bodyText }) as unknown as RequestDetail;

test("jsonPath equality compares JSON values, object keys in any order, and plain text with strings", () => {
  const request = withBody('{"data":{"object":{"id":"evt_1","amount":42,"meta":{"a":1,"b":[1,{"c":null}]}}}}');
  const match = (jsonPath: string, jsonEquals: string) => matchesFilter(request, { jsonPath, jsonEquals });
  assert.equal(match("data.object.id", '"evt_1"'), true);
  assert.equal(match("data.object.id", "evt_1"), true, "plain text against a string");
  assert.equal(match("data.object.amount", "42"), true);
  assert.equal(match("data.object.amount", "43"), false);
  assert.equal(match("data.object.meta", '{"b":[1,{"c":null}],"a":1}'), true, "keys in another order");
  assert.equal(match("data.object.meta", '{"a":1,"b":[1,{"c":0}]}'), false);
  assert.equal(match("data.object.meta", "[object Object]"), false, "an object never equals plain text");
  assert.equal(match("$.data.object.meta.b[1].c", "null"), true);
});

test("a body nested 100,000 levels deep makes a match false, never a stack overflow", () => {
  const depth = 100_000;
  const request = withBody(`{"a":${"[".repeat(depth)}${"]".repeat(depth)}}`);
  assert.equal(matchesFilter(request, { jsonPath: "a", jsonEquals: `${"[".repeat(depth)}${"]".repeat(depth)}` }), false);
  assert.equal(matchesFilter(request, { jsonPath: "a", jsonEquals: "[]" }), false);
  assert.equal(matchesFilter(request, { jsonPath: "a", jsonEquals: "deep" }), false);
});
