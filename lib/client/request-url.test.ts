import assert from "node:assert/strict";
import { test } from "node:test";
import { inspectorPath, requestIdFromPath } from "./request-url";

test("a request's address names its bin and the request; the bin's own names none", () => {
  assert.equal(inspectorPath("abc"), "/bins/abc");
  assert.equal(inspectorPath("abc", "01m8ps9jcg00009pkxd4gm"), "/bins/abc/01m8ps9jcg00009pkxd4gm");
  assert.equal(requestIdFromPath("/bins/abc/01m8ps9jcg00009pkxd4gm", "abc"), "01m8ps9jcg00009pkxd4gm");
  assert.equal(requestIdFromPath("/bins/abc", "abc"), null);
  assert.equal(requestIdFromPath("/bins/abc/", "abc"), null);
});

test("another bin's address, a deeper path or a bad escape name no request of this bin", () => {
  assert.equal(requestIdFromPath("/bins/abcd/01m8ps9jcg00009pkxd4gm", "abc"), null);
  assert.equal(requestIdFromPath("/bins/abc/one/two", "abc"), null);
  assert.equal(requestIdFromPath("/bins/abc/%E0%A4%A", "abc"), null);
  assert.equal(requestIdFromPath("/bins/a%20b/x", "a b"), "x");
});
