import { cpSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { TEST_DB } from "../helpers/database";
import { tempDir } from "../helpers/temp";

// The SQLite search index's own migration; PostgreSQL keeps its GIN indexes and has nothing to test here,
// so under TEST_DB=postgres the test is not registered at all.
const sqliteOnlyTest = TEST_DB === "sqlite" ? test : undefined;

const CONTENTLESS = "20261203042000_search_contentless";
const COMMITTED = path.resolve("prisma/sqlite/migrations");
const dir = tempDir("search-contentless");
after(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, "test.db");
// Before any app module reads the environment.
process.env.DATABASE_URL = `file:${file}`;
const { applyMigrations } = await import("@/lib/server/db/migrations");

/** Two bins' rows, written as by captures; `alpha-<n>` in the bodies and `v<n>` in a header tell them apart. */
const ROWS = { a: 300, b: 200 };
const rowsSql = (prefix: string, binId: string, rows: number) =>
  `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
   INSERT INTO "CapturedRequest" ("id", "binId", "method", "path", "query", "headers", "body", "bodyText", "bodySize", "remoteAddress", "httpVersion", "receivedAt", "sequence")
   SELECT printf('${prefix}%08d', i), '${binId}', 'POST', '/', '', '[["x-k","v' || (i % 5) || '"]]', CAST('{"term":"alpha-' || (i % 3) || '"}' AS BLOB),
          '{"term":"alpha-' || (i % 3) || '"}', 18, '127.0.0.1', '1.1', 1700000000000 + i, i FROM n`;
const ids = (prefix: string, rows: number, keep: (i: number) => boolean) =>
  Array.from({ length: rows }, (_, k) => rows - k)
    .filter(keep)
    .map((i) => `${prefix}${String(i).padStart(8, "0")}`);

function withDatabase<T>(use: (database: Database.Database) => T): T {
  const database = new Database(file);
  try {
    return use(database);
  } finally {
    database.close();
  }
}
const matching = (text: string) =>
  withDatabase(
    (database) =>
      (
        database.prepare(`SELECT count(*) AS n FROM "CapturedRequestSearch" WHERE "CapturedRequestSearch" MATCH ?`).get(`"${text.replaceAll('"', '""')}"`) as {
          n: number;
        }
      ).n,
  );

sqliteOnlyTest?.("the contentless index replaces a full external-content one: rebuilt in the background, searches exact throughout", async () => {
  // A database as the migration finds it: every row indexed by the external-content table it replaces.
  const before = path.join(dir, "before");
  cpSync(COMMITTED, before, { recursive: true });
  rmSync(path.join(before, CONTENTLESS), { recursive: true });
  assert.ok(readdirSync(COMMITTED).includes(CONTENTLESS));
  await applyMigrations({ provider: "sqlite", url: `file:${file}`, migrationsDir: before });
  const { createNewBin } = await import("@/lib/server/services/bins");
  const binA = (await createNewBin("http://localhost")).id;
  const binB = (await createNewBin("http://localhost")).id;
  withDatabase((database) => {
    database.exec(rowsSql("a", binA, ROWS.a));
    database.exec(rowsSql("b", binB, ROWS.b));
    database.exec(`INSERT INTO "CapturedRequestSearch"(rowid, "headers", "bodyText") SELECT rowid, "headers", "bodyText" FROM "CapturedRequest"`);
    database.exec(`UPDATE "CapturedRequestSearch_watermark" SET "indexedTo" = (SELECT max(rowid) FROM "CapturedRequest")`);
  });
  assert.equal(matching("alpha"), ROWS.a + ROWS.b);

  assert.deepEqual(await applyMigrations({ provider: "sqlite", url: `file:${file}`, migrationsDir: COMMITTED }), [CONTENTLESS]);
  assert.equal(matching("alpha"), 0);

  const { searchIndexer, searchRequests } = await import("@/lib/server/queries/hot-store");
  const { clearRequests } = await import("@/lib/server/services/requests");
  const indexer = searchIndexer()!;
  indexer.pause();
  assert.equal(indexer.unindexed(), ROWS.a + ROWS.b);
  const found = async (binId: string, search: { bodyContains?: string; header?: string; headerValue?: string }) =>
    (await searchRequests(binId, { ...search, limit: 1000 })).map((row) => row.id);
  const check = async () => {
    assert.deepEqual(
      await found(binA, { bodyContains: "alpha-1" }),
      ids("a", ROWS.a, (i) => i % 3 === 1),
    );
    assert.deepEqual(
      await found(binA, { header: "x-k", headerValue: "v2" }),
      ids("a", ROWS.a, (i) => i % 5 === 2),
    );
    assert.deepEqual(
      await found(binB, { bodyContains: "alpha-0" }),
      ids("b", ROWS.b, (i) => i % 3 === 0),
    );
  };
  // Every row above the reset mark: scanned.
  await check();

  indexer.resume();
  await indexer.caughtUp();
  assert.equal(indexer.unindexed(), 0);
  assert.equal(matching("alpha"), ROWS.a + ROWS.b);
  withDatabase((database) => {
    // Contentless: the index answers rowids, and nothing reads its columns.
    assert.deepEqual(
      database.prepare(`SELECT "headers", "bodyText" FROM "CapturedRequestSearch" WHERE "CapturedRequestSearch" MATCH '"alpha"' LIMIT 1`).get(),
      {
        headers: null,
        bodyText: null,
      },
    );
    // The indexer sets its merge policy on the table it finds, the new one included.
    assert.equal((database.prepare(`SELECT "v" FROM "CapturedRequestSearch_config" WHERE "k" = 'automerge'`).get() as { v: number }).v, 0);
  });
  await check();

  // A cleared bin's rows leave the index by their rowids; the other bin's entries stay.
  assert.equal(await clearRequests(binA), ROWS.a);
  assert.equal(matching("alpha"), ROWS.b);
  assert.equal(matching('"v2"]'), ids("b", ROWS.b, (i) => i % 5 === 2).length);
  assert.deepEqual(await found(binA, { bodyContains: "alpha" }), []);
  assert.deepEqual(
    await found(binB, { bodyContains: "alpha-0" }),
    ids("b", ROWS.b, (i) => i % 3 === 0),
  );
  withDatabase((database) => database.prepare(`INSERT INTO "CapturedRequestSearch"("CapturedRequestSearch", rank) VALUES ('integrity-check', 1)`).run());
  const { closeHotStore } = await import("@/lib/server/queries/hot-store");
  await closeHotStore();
});
