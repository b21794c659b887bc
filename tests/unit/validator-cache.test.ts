// The compiled-validator cache: least recently used goes first, a bin's share is capped so one bin
// replacing its schemas over and over cannot push out other bins' validators.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ValidatorCache } from "@/lib/server/shapes/validator-cache";
import { checkBody, compiledValidators, MAX_SCHEMAS_PER_BIN, type StoredSchema } from "@/lib/server/shapes/schemas";

test("least recently used goes first: a validator read since is kept over one only written", () => {
  const cache = new ValidatorCache<string>(3, 3);
  cache.set("b1", "s1", 1, "one");
  cache.set("b2", "s2", 1, "two");
  cache.set("b3", "s3", 1, "three");
  assert.equal(cache.get("s1", 1), "one");
  cache.set("b4", "s4", 1, "four");
  assert.equal(cache.get("s2", 1), undefined);
  assert.deepEqual(
    ["s1", "s3", "s4"].map((id) => cache.get(id, 1)),
    ["one", "three", "four"],
  );
});

test("a new version replaces its schema's entry; an old version is a miss", () => {
  const cache = new ValidatorCache<string>(4, 2);
  cache.set("b1", "s1", 1, "v1");
  cache.set("b1", "s1", 2, "v2");
  assert.equal(cache.size, 1);
  assert.equal(cache.get("s1", 1), undefined);
  assert.equal(cache.get("s1", 2), "v2");
});

test("a bin over its share evicts its own least recently used validator, not another bin's", () => {
  const cache = new ValidatorCache<string>(4, 2);
  cache.set("other", "o1", 1, "other's");
  for (let i = 0; i < 50; i++) cache.set("busy", `s${i}`, 1, `busy ${i}`);
  assert.equal(cache.sizeOf("busy"), 2);
  assert.equal(cache.get("o1", 1), "other's");
  assert.equal(cache.get("s49", 1), "busy 49");
  // A share of one: the bin's only entry is replaced in place.
  const single = new ValidatorCache<string>(2, 1);
  single.set("b", "a", 1, "a");
  single.set("b", "c", 1, "c");
  assert.equal(single.sizeOf("b"), 1);
  assert.equal(single.get("c", 1), "c");
  assert.throws(() => new ValidatorCache<string>(2, 3), RangeError);
});

test("while one bin cycles 300 schema versions (and 150 new schemas), another bin's validator stays compiled", () => {
  const body = { kind: "json", value: { a: 1 }, text: '{"a":1}' } as const;
  const other: StoredSchema = { binId: "quiet-bin", eventType: "t", id: "quiet-schema", version: 1, schema: '{"type":"object","required":["a"]}' };
  assert.equal(checkBody(other, body).result, "pass");
  assert.equal(compiledValidators.sizeOf("quiet-bin"), 1);
  for (let version = 1; version <= 300; version++) {
    const cycled: StoredSchema = { binId: "busy-bin", eventType: "t", id: "busy-schema", version, schema: `{"type":"object","maxProperties":${version}}` };
    assert.equal(checkBody(cycled, body).result, "pass");
  }
  // Deleted and set again: each is a new schema id, half again as many as the bin's share.
  for (let i = 0; i < MAX_SCHEMAS_PER_BIN * 1.5; i++) {
    const fresh: StoredSchema = { binId: "busy-bin", eventType: "t", id: `busy-schema-${i}`, version: 1, schema: `{"type":"object","maxProperties":${i + 1}}` };
    checkBody(fresh, body);
  }
  assert.equal(compiledValidators.sizeOf("busy-bin"), MAX_SCHEMAS_PER_BIN);
  assert.ok(compiledValidators.size <= compiledValidators.capacity);
  assert.equal(compiledValidators.sizeOf("quiet-bin"), 1);
});

test("entries are bounded by bytes as well: a bin over half the bytes gives up its own, and one too large for a share is not kept", () => {
  const cache = new ValidatorCache<string>(10, 10, 100);
  cache.set("quiet", "q", 1, "quiet's", 40);
  cache.set("big", "b1", 1, "first", 40);
  cache.set("big", "b2", 1, "second", 40);
  assert.deepEqual([cache.get("q", 1), cache.get("b1", 1), cache.get("b2", 1)], ["quiet's", undefined, "second"]);
  assert.equal(cache.bytes, 80);
  cache.set("third", "t", 1, "third's", 30);
  assert.equal(cache.get("q", 1), undefined, "past the total, the least recently used goes");
  assert.ok(cache.bytes <= 100);
  cache.set("huge", "h", 1, "huge", 51);
  assert.equal(cache.get("h", 1), undefined);
  assert.ok(compiledValidators.maxBytes < Number.POSITIVE_INFINITY);
});

test("schemas of two bins with the same $id compile side by side (one shared Ajv instance per draft), each checking its own", () => {
  const body = { kind: "json", value: { a: "x" }, text: '{"a":"x"}' } as const;
  const one: StoredSchema = {
    binId: "id-bin-1",
    eventType: "t",
    id: "same-id-1",
    version: 1,
    schema: '{"$id":"https://example.com/s","properties":{"a":{"type":"string"}}}',
  };
  const two: StoredSchema = {
    binId: "id-bin-2",
    eventType: "t",
    id: "same-id-2",
    version: 1,
    schema: '{"$id":"https://example.com/s","properties":{"a":{"type":"number"}}}',
  };
  assert.equal(checkBody(one, body).result, "pass");
  assert.equal(checkBody(two, body).result, "fail");
});
