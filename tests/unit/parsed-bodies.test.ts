import assert from "node:assert/strict";
import { test } from "node:test";
import { hasParsedBody, keepParsedBody, setParsedBodiesWanted, takeParsedBody } from "@/lib/server/shapes/parsed-bodies";

const body = (text: string) => ({ kind: "json" as const, value: JSON.parse(text) as unknown, text });

test("nothing is kept while no learner runs in this process (a PostgreSQL instance that was not elected), and stopping lets go of what was", () => {
  setParsedBodiesWanted(false);
  keepParsedBody("unwanted", body("{}"));
  assert.equal(hasParsedBody("unwanted"), false);
  setParsedBodiesWanted(true);
  keepParsedBody("wanted", body("{}"));
  assert.equal(hasParsedBody("wanted"), true);
  setParsedBodiesWanted(false);
  assert.equal(hasParsedBody("wanted"), false);
  setParsedBodiesWanted(true);
});

test("a kept body is taken once, and bodies older than ten seconds are dropped", () => {
  const start = 1_000_000;
  keepParsedBody("a", body('{"n":1}'), start);
  assert.equal(hasParsedBody("a"), true);
  assert.deepEqual(takeParsedBody("a"), body('{"n":1}'));
  assert.equal(takeParsedBody("a"), undefined, "taken already");

  keepParsedBody("old", body("[1]"), start);
  keepParsedBody("new", body("[2]"), start + 9_000);
  assert.equal(hasParsedBody("old"), true, "not looked for before the next sweep");
  keepParsedBody("newer", body("[3]"), start + 10_500);
  assert.equal(hasParsedBody("old"), false);
  assert.equal(hasParsedBody("new"), true);
  assert.equal(hasParsedBody("newer"), true);
  takeParsedBody("new");
  takeParsedBody("newer");
});

test("beyond 4,000 entries or 8 Mi characters a body is not kept, and the learner reads it from the database", () => {
  const at = 2_000_000;
  for (let i = 0; i < 4_000; i++) keepParsedBody(`row${i}`, body("{}"), at);
  keepParsedBody("one-too-many", body("{}"), at);
  assert.equal(hasParsedBody("one-too-many"), false);
  for (let i = 0; i < 4_000; i++) takeParsedBody(`row${i}`);
  const big = "x".repeat(5 * 1024 * 1024);
  keepParsedBody("big1", { kind: "json", value: big, text: big }, at);
  keepParsedBody("big2", { kind: "json", value: big, text: big }, at);
  assert.equal(hasParsedBody("big1"), true);
  assert.equal(hasParsedBody("big2"), false);
  takeParsedBody("big1");
});
