import { readFileSync } from "node:fs";
import { test } from "node:test";
import assert from "node:assert/strict";

const models = (file: string) => readFileSync(file, "utf8").slice(readFileSync(file, "utf8").indexOf("\nmodel "));

test("the SQLite and PostgreSQL schemas declare the same models", () => {
  assert.equal(models("prisma/postgres/schema.prisma"), models("prisma/sqlite/schema.prisma"));
});
