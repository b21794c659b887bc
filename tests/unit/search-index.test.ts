import { randomBytes } from "node:crypto";
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { useFreshDatabase } from "../helpers/db";
import { TEST_DB, executeSql } from "../helpers/database";

// Only SQLite indexes in the background behind a watermark; on PostgreSQL these are not registered
// at all rather than reported as skipped (the SQLite run covers them).
const sqliteOnlyTest = TEST_DB === "sqlite" ? test : undefined;

// The database must be chosen before any app module reads the environment.
const databaseUrl = await useFreshDatabase("search-index");
const { captureRequest } = await import("@/lib/server/services/capture");
const { createNewBin, removeBin } = await import("@/lib/server/services/bins");
const { clearRequests, removeRequest } = await import("@/lib/server/services/requests");
const { listFullRequests } = await import("@/lib/server/queries/requests");
const { closeHotStore, pruneRequests, searchIndexer, searchRequests } = await import("@/lib/server/queries/hot-store");
type Search = Parameters<typeof searchRequests>[1];
type Stored = Awaited<ReturnType<typeof listFullRequests>>[number];

interface Sample {
  path: string;
  rawHeaders: string[];
  body: Buffer<ArrayBuffer>;
}

// Binary bytes around text the body searches look for: found by scanning, as before the index.
const binaryWithText = Buffer.concat([randomBytes(64), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from("needle-bin café"), randomBytes(64)]);

const SAMPLES: Sample[] = [
  {
    path: "/stripe/charge",
    rawHeaders: ["Content-Type", "application/json", "Stripe-Signature", "t=1,v1=abc"],
    body: Buffer.from('{"type":"charge.succeeded","note":"needle-one"}'),
  },
  {
    path: "/stripe/invoice",
    rawHeaders: ["Content-Type", "application/json", "X-Kind", "rare"],
    body: Buffer.from('{"type":"invoice.paid","note":"Needle-One"}'),
  },
  {
    path: "/github/push",
    rawHeaders: ["X-GitHub-Event", "push", "x-kind", "common"],
    body: Buffer.from('{"ref":"refs/heads/main","note":"naïve café 日本語テキスト"}'),
  },
  { path: "/github", rawHeaders: ["X-GitHub-Event", "ping", "X-KIND", "Rare"], body: Buffer.from("plain text with a needle-one inside") },
  { path: "/binary", rawHeaders: ["Content-Type", "application/octet-stream"], body: binaryWithText },
  { path: "/nul", rawHeaders: ["Content-Type", "text/plain"], body: Buffer.from("text\u0000with a NUL and needle-one") },
  { path: "/ünï/cødé", rawHeaders: ["X-Note", "café au lait"], body: Buffer.from("") },
  { path: "/stripe%2Fcharge", rawHeaders: ["X-Kind", "rare"], body: Buffer.from("ab") },
];

/** What a search answers by the rules of the API, computed from the stored rows in JS: the oracle. */
function expected(rows: Stored[], search: Search): string[] {
  const lower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return rows
    .filter((row) => {
      if (search.path !== undefined) {
        const ok = search.path.endsWith("*") ? row.path.startsWith(search.path.slice(0, -1)) : row.path === search.path;
        if (!ok) return false;
      }
      if (search.header !== undefined) {
        const pair = search.headerValue === undefined ? `[${JSON.stringify(search.header)},` : JSON.stringify([search.header, search.headerValue]);
        // SQLite's LIKE folds ASCII case only, PostgreSQL's ILIKE every letter: the samples differ in ASCII case only.
        if (!lower(JSON.stringify(row.headers)).includes(lower(pair))) return false;
      }
      if (search.bodyContains !== undefined && Buffer.from(row.body).indexOf(Buffer.from(search.bodyContains)) < 0) return false;
      return true;
    })
    .map((row) => row.id)
    .sort()
    .reverse();
}

let binId: string;
let otherBinId: string;

async function capture(bin: string, sample: Sample) {
  return captureRequest({
    binId: bin,
    method: "POST",
    path: sample.path,
    query: "",
    rawHeaders: sample.rawHeaders,
    body: sample.body,
    remoteAddress: "127.0.0.1",
    httpVersion: "1.1",
    receivedAt: Date.now(),
    plainHttp: true,
  });
}

before(async () => {
  // SQLite indexes in the background: held back here, so the first searches find every row above the watermark.
  searchIndexer()?.pause();
  binId = (await createNewBin("http://localhost")).id;
  otherBinId = (await createNewBin("http://localhost")).id;
  for (let round = 0; round < 3; round++) {
    for (const sample of SAMPLES) await capture(binId, sample);
  }
  // The index is shared by every bin: another bin's matches must not leak into this one's answers.
  for (const sample of SAMPLES) await capture(otherBinId, sample);
});

/** Waits for SQLite's background indexer to index every stored row (PostgreSQL's indexes are kept by the database). */
async function indexed(): Promise<void> {
  const indexer = searchIndexer();
  if (!indexer) return;
  indexer.resume();
  await indexer.caughtUp();
  assert.equal(indexer.unindexed(), 0);
}

/**
 * FTS5 checks its index is whole (it throws otherwise); contentless, it has no content to compare it with, so
 * the rows it holds are compared here with the stored rows the watermark says it holds.
 */
async function checkIndexIntegrity(): Promise<void> {
  const { default: Database } = await import("better-sqlite3");
  const database = new Database(databaseUrl.slice("file:".length));
  try {
    database.prepare(`INSERT INTO "CapturedRequestSearch"("CapturedRequestSearch", rank) VALUES ('integrity-check', 1)`).run();
    const rowids = (sql: string) => (database.prepare(sql).pluck().all() as number[]).sort((a, b) => a - b);
    assert.deepEqual(
      rowids(`SELECT rowid FROM "CapturedRequestSearch"`),
      rowids(`SELECT rowid FROM "CapturedRequest" WHERE rowid <= (SELECT "indexedTo" FROM "CapturedRequestSearch_watermark")`),
    );
  } finally {
    database.close();
  }
}

/** Rows of the SQLite trigram index whose body text or headers contain `text` (PostgreSQL keeps its GIN index itself). */
async function indexedRowids(text: string): Promise<number> {
  const { default: Database } = await import("better-sqlite3");
  const database = new Database(databaseUrl.slice("file:".length), { readonly: true });
  try {
    const row = database
      .prepare(`SELECT count(*) AS n FROM "CapturedRequestSearch" WHERE "CapturedRequestSearch" MATCH ?`)
      .get(`"${text.replaceAll('"', '""')}"`) as { n: number };
    return row.n;
  } finally {
    database.close();
  }
}

describe(`indexed search answers what a scan answers (${TEST_DB})`, () => {
  const cases: [string, Omit<Search, "limit">][] = [
    ["header name", { header: "x-kind" }],
    ["header name in another case", { header: "X-GITHUB-EVENT" }],
    ["header name and value", { header: "x-kind", headerValue: "rare" }],
    ["header value with non-ASCII text", { header: "x-note", headerValue: "café au lait" }],
    ["body text", { bodyContains: "needle-one" }],
    ["body text differing only in case", { bodyContains: "Needle-One" }],
    ["body text, non-ASCII", { bodyContains: "日本語テ" }],
    ["body text inside a binary body", { bodyContains: "needle-bin" }],
    ["non-ASCII text inside a binary body", { bodyContains: "café" }],
    ["body text with a quote", { bodyContains: '"type":"invoice' }],
    ["LIKE wildcards are plain text", { bodyContains: "needle%one" }],
    ["header and body together", { header: "x-kind", headerValue: "rare", bodyContains: "needle" }],
    ["path prefix", { path: "/stripe/*" }],
    ["path prefix, non-ASCII", { path: "/ünï/*" }],
    ["path prefix of everything", { path: "*" }],
    ["exact path", { path: "/github" }],
    ["path prefix and body", { path: "/github*", bodyContains: "needle" }],
    ["no match", { bodyContains: "absent-W3xv" }],
    ["no header match", { header: "x-absent", headerValue: "nope" }],
    ["short term (2 characters, scanned)", { bodyContains: "ab" }],
    ["short term, one character", { bodyContains: "é" }],
  ];
  // SQLite: with nothing of the bin indexed (every row scanned), part of it, and all of it.
  const states: [string, () => Promise<void>][] =
    TEST_DB === "sqlite"
      ? [
          ["index behind", async () => assert.ok(searchIndexer()!.unindexed() >= SAMPLES.length * 4)],
          ["index part-way", async () => assert.equal(searchIndexer()!.indexBatch(SAMPLES.length + 3), SAMPLES.length + 3)],
          ["index caught up", indexed],
        ]
      : [["database index", async () => {}]];
  for (const [state, reach] of states) {
    describe(state, () => {
      before(reach);
      for (const [name, search] of cases) {
        test(name, async () => {
          const rows = await listFullRequests(binId, undefined, 1000);
          const want = expected(rows, { ...search, limit: 1000 });
          const got = (await searchRequests(binId, { ...search, limit: 1000 })).map((row) => row.id);
          assert.deepEqual(got, want);
          // A page of the answer is the start of the whole answer.
          const page = (await searchRequests(binId, { ...search, limit: 2 })).map((row) => row.id);
          assert.deepEqual(page, want.slice(0, 2));
        });
      }
    });
  }

  test("the cases cover matches, binary bodies and misses", async () => {
    const rows = await listFullRequests(binId, undefined, 1000);
    assert.equal(expected(rows, { bodyContains: "needle-bin", limit: 1000 }).length, 3);
    assert.equal(expected(rows, { bodyContains: "needle-one", limit: 1000 }).length, 9);
    assert.equal(expected(rows, { bodyContains: "absent-W3xv", limit: 1000 }).length, 0);
  });
});

describe(`deletions leave nothing behind in the index (${TEST_DB})`, () => {
  test("deleting one request, pruning, clearing and removing a bin", async () => {
    const bin = (await createNewBin("http://localhost")).id;
    const marker = `gone-${randomBytes(6).toString("hex")}`;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { summary } = await capture(bin, { path: `/p${i}`, rawHeaders: ["X-Marker", marker], body: Buffer.from(`{"marker":"${marker}-${i}"}`) });
      ids.push(summary.id);
    }
    const found = async () => (await searchRequests(bin, { bodyContains: marker, limit: 100 })).length;
    const foundByHeader = async () => (await searchRequests(bin, { header: "x-marker", headerValue: marker, limit: 100 })).length;
    assert.equal(await found(), 6);
    await indexed();
    if (TEST_DB === "sqlite") assert.equal(await indexedRowids(marker), 6);

    await removeRequest(bin, ids[0]!);
    assert.equal(await found(), 5);
    assert.equal(await foundByHeader(), 5);
    if (TEST_DB === "sqlite") assert.equal(await indexedRowids(`${marker}-0`), 0);

    const pruned = await pruneRequests(bin, 3, 0);
    assert.equal(pruned.removed, 2);
    assert.equal(await found(), 3);
    if (TEST_DB === "sqlite") assert.equal(await indexedRowids(marker), 3);

    assert.equal(await clearRequests(bin), 3);
    assert.equal(await found(), 0);
    assert.equal(await foundByHeader(), 0);
    if (TEST_DB === "sqlite") assert.equal(await indexedRowids(marker), 0);

    const doomed = (await createNewBin("http://localhost")).id;
    await capture(doomed, { path: "/", rawHeaders: [], body: Buffer.from(`${marker} in a bin that goes`) });
    assert.equal((await searchRequests(doomed, { bodyContains: marker, limit: 10 })).length, 1);
    await removeBin(doomed);
    assert.equal((await searchRequests(doomed, { bodyContains: marker, limit: 10 })).length, 0);
    if (TEST_DB === "sqlite") {
      assert.equal(await indexedRowids(marker), 0);
      await checkIndexIntegrity();
    }
  });

  sqliteOnlyTest?.("the indexer merges FTS5's segments itself, in small steps: automerge is off and the index stays whole", async () => {
    await indexed();
    const bin = (await createNewBin("http://localhost")).id;
    const marker = `merge-${randomBytes(6).toString("hex")}`;
    // Many small batches, so that levels fill up with segments and the merge steps have work.
    for (let i = 0; i < 400; i++)
      await capture(bin, { path: `/m${i}`, rawHeaders: ["X-Marker", marker], body: Buffer.from(`{"i":${i},"marker":"${marker}"}`) });
    await indexed();
    const { default: Database } = await import("better-sqlite3");
    const database = new Database(databaseUrl.slice("file:".length), { readonly: true });
    try {
      const automerge = database.prepare(`SELECT "v" FROM "CapturedRequestSearch_config" WHERE "k" = 'automerge'`).get() as { v: number } | undefined;
      assert.equal(automerge?.v, 0);
    } finally {
      database.close();
    }
    assert.equal(await indexedRowids(marker), 400);
    assert.equal((await searchRequests(bin, { bodyContains: marker, limit: 500 })).length, 400);
    await checkIndexIntegrity();
  });

  sqliteOnlyTest?.("deleting rows the index has not reached, and the newest indexed rows (SQLite's watermark)", async () => {
    const indexer = searchIndexer()!;
    await indexed();
    const bin = (await createNewBin("http://localhost")).id;
    const marker = `tail-${randomBytes(6).toString("hex")}`;
    const sample = (i: number) => ({ path: `/t${i}`, rawHeaders: ["X-Marker", marker], body: Buffer.from(`{"marker":"${marker}"}`) });

    // Above the watermark: deleted without touching the index, which never held them.
    indexer.pause();
    const { summary } = await capture(bin, sample(0));
    await capture(bin, sample(1));
    await removeRequest(bin, summary.id);
    assert.equal((await searchRequests(bin, { bodyContains: marker, limit: 10 })).length, 1);
    await indexed();
    assert.equal(await indexedRowids(marker), 1);
    await checkIndexIntegrity();

    // The newest rows, indexed, deleted: the next captures reuse their rowids and must not count as indexed.
    assert.equal(await clearRequests(bin), 1);
    indexer.pause();
    for (let i = 0; i < 3; i++) await capture(bin, sample(i));
    assert.ok(indexer.unindexed() >= 3);
    assert.equal((await searchRequests(bin, { bodyContains: marker, limit: 10 })).length, 3);
    assert.equal((await searchRequests(bin, { header: "x-marker", headerValue: marker, limit: 10 })).length, 3);
    await indexed();
    assert.equal(await indexedRowids(marker), 3);
    assert.equal((await searchRequests(bin, { bodyContains: marker, limit: 10 })).length, 3);
    await checkIndexIntegrity();
  });
});

describe(`a term in more rows than an index may hand over (${TEST_DB})`, () => {
  test("body and path searches still answer the newest matches, as a scan does", async () => {
    const bin = (await createNewBin("http://localhost")).id;
    // 12,000 rows in SQL (past the SQLite store's count limit of 10,000): every one holds the term and
    // the path prefix; ids are zero-padded so that their order is their number.
    const rows = 12_000;
    const body = `{"note":"widespread-term"}`;
    await executeSql(
      databaseUrl,
      TEST_DB === "sqlite"
        ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
           INSERT INTO "CapturedRequest" ("id", "binId", "method", "path", "query", "headers", "body", "bodyText", "bodySize", "remoteAddress", "httpVersion", "receivedAt", "sequence")
           SELECT printf('w%08d', i), '${bin}', 'POST', '/wide/' || i, '', '[["x-wide","yes"]]', CAST('${body}' AS BLOB), '${body}', ${body.length}, '127.0.0.1', '1.1', 1700000000000 + i, i FROM n`
        : `INSERT INTO "CapturedRequest" ("id", "binId", "method", "path", "query", "headers", "body", "bodyText", "bodySize", "remoteAddress", "httpVersion", "receivedAt", "sequence")
           SELECT 'w' || lpad(i::text, 8, '0'), '${bin}', 'POST', '/wide/' || i, '', '[["x-wide","yes"]]', convert_to('${body}', 'UTF8'), '${body}', ${body.length}, '127.0.0.1', '1.1', to_timestamp(1700000000 + i), i
           FROM generate_series(1, ${rows}) AS i`,
    );
    const newest = Array.from({ length: 5 }, (_, k) => `w${String(rows - k).padStart(8, "0")}`);
    for (const search of [{ bodyContains: "widespread-term" }, { path: "/wide/*" }, { header: "x-wide", headerValue: "yes" }]) {
      assert.deepEqual(
        (await searchRequests(bin, { ...search, limit: 5 })).map((row) => row.id),
        newest,
        JSON.stringify(search),
      );
    }
    assert.equal((await searchRequests(bin, { bodyContains: "widespread-term", before: "w00000003", limit: 5 })).length, 2);
  });
});

describe(`clearing a big bin (${TEST_DB})`, () => {
  test("deletes in chunks, every row and its index entries, and keeps the other bins' rows", async () => {
    const bin = (await createNewBin("http://localhost")).id;
    // Many chunks: the first deletes 100 rows, and each next one at most twice as many.
    const rows = 4_017;
    const body = `{"note":"cleared-term"}`;
    await executeSql(
      databaseUrl,
      TEST_DB === "sqlite"
        ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
           INSERT INTO "CapturedRequest" ("id", "binId", "method", "path", "query", "headers", "body", "bodyText", "bodySize", "remoteAddress", "httpVersion", "receivedAt", "sequence")
           SELECT printf('c%08d', i), '${bin}', 'POST', '/', '', '[]', CAST('${body}' AS BLOB), '${body}', ${body.length}, '127.0.0.1', '1.1', 1700000000000 + i, i FROM n`
        : `INSERT INTO "CapturedRequest" ("id", "binId", "method", "path", "query", "headers", "body", "bodyText", "bodySize", "remoteAddress", "httpVersion", "receivedAt", "sequence")
           SELECT 'c' || lpad(i::text, 8, '0'), '${bin}', 'POST', '/', '', '[]', convert_to('${body}', 'UTF8'), '${body}', ${body.length}, '127.0.0.1', '1.1', to_timestamp(1700000000 + i), i
           FROM generate_series(1, ${rows}) AS i`,
    );
    const others = (await listFullRequests(binId, undefined, 1000)).length;
    assert.equal(await clearRequests(bin), rows);
    assert.equal((await searchRequests(bin, { limit: 10 })).length, 0);
    if (TEST_DB === "sqlite") assert.equal(await indexedRowids("cleared-term"), 0);
    assert.equal((await listFullRequests(binId, undefined, 1000)).length, others);
  });
});

describe(`the index after a clear (${TEST_DB})`, () => {
  sqliteOnlyTest?.("a merge step after a clear emptied a big segment stays a step, not the whole segment", async () => {
    const bin = (await createNewBin("http://localhost")).id;
    const rows = 4_000;
    // Random hex text: thousands of distinct trigrams, so the index is hundreds of pages.
    await executeSql(
      databaseUrl,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
       INSERT INTO "CapturedRequest" ("id", "binId", "method", "path", "query", "headers", "body", "bodyText", "bodySize", "remoteAddress", "httpVersion", "receivedAt", "sequence")
       SELECT printf('m%08d', i), '${bin}', 'POST', '/', '', '[]', CAST(x AS BLOB), x, length(x), '127.0.0.1', '1.1', 1700000000000 + i, i
       FROM (SELECT i, hex(randomblob(150)) AS x FROM n)`,
    );
    await indexed();
    const indexer = searchIndexer()!;
    // The steps below are the indexer's, run by hand so that their work can be counted.
    indexer.pause();
    const { default: Database } = await import("better-sqlite3");
    const database = new Database(databaseUrl.slice("file:".length));
    try {
      const command = database.prepare(`INSERT INTO "CapturedRequestSearch"("CapturedRequestSearch", rank) VALUES (?, ?)`);
      const changes = database.prepare(`SELECT total_changes()`).pluck();
      // One big segment, as months of captures leave.
      database.prepare(`INSERT INTO "CapturedRequestSearch"("CapturedRequestSearch") VALUES ('optimize')`).run();
      const pages = database.prepare(`SELECT count(*) FROM "CapturedRequestSearch_data"`).pluck().get() as number;
      assert.ok(pages > 200, `the index holds ${pages} pages`);

      assert.equal(await clearRequests(bin), rows);
      const before = changes.get() as number;
      command.run("merge", 4);
      const written = (changes.get() as number) - before;
      assert.ok(written < 50, `one merge step of 4 pages changed ${written} index pages (the segment holds ${pages})`);
    } finally {
      database.close();
      indexer.resume();
    }
    assert.equal(await indexedRowids("AAA"), 0);
    await checkIndexIntegrity();
  });
});

describe(`a server started on rows it has not indexed (${TEST_DB})`, () => {
  sqliteOnlyTest?.("searches scan the tail at once, and the indexer catches up in the background", async () => {
    const bin = (await createNewBin("http://localhost")).id;
    await indexed();
    await closeHotStore();
    // Written while no store is open, as by a server that stopped before indexing them (or a database
    // that had rows before the index's migration).
    const rows = 3_000;
    await executeSql(
      databaseUrl,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
       INSERT INTO "CapturedRequest" ("id", "binId", "method", "path", "query", "headers", "body", "bodyText", "bodySize", "remoteAddress", "httpVersion", "receivedAt", "sequence")
       SELECT printf('t%08d', i), '${bin}', 'POST', '/', '', '[["x-late","' || (i % 7) || '"]]', CAST('{"late":"term-' || (i % 10) || '"}' AS BLOB),
              '{"late":"term-' || (i % 10) || '"}', 20, '127.0.0.1', '1.1', 1700000000000 + i, i FROM n`,
    );
    const indexer = searchIndexer()!;
    indexer.pause();
    assert.equal(indexer.unindexed(), rows);
    const ids = (found: { id: string }[]) => found.map((row) => row.id);
    const wanted = (i: number) => `t${String(i).padStart(8, "0")}`;
    const newest = (keep: (i: number) => boolean) =>
      Array.from({ length: rows }, (_, k) => rows - k)
        .filter(keep)
        .slice(0, 3)
        .map(wanted);
    const newestTerm3 = newest((i) => i % 10 === 3);
    const newestLate5 = newest((i) => i % 7 === 5);
    const check = async () => {
      assert.deepEqual(ids(await searchRequests(bin, { bodyContains: "term-3", limit: 3 })), newestTerm3);
      assert.deepEqual(ids(await searchRequests(bin, { header: "x-late", headerValue: "5", limit: 3 })), newestLate5);
      assert.equal((await searchRequests(bin, { bodyContains: "term-3", limit: 1000 })).length, rows / 10);
    };
    await check();
    await indexed();
    assert.equal(await indexedRowids("term-3"), rows / 10);
    await check();
    await checkIndexIntegrity();
  });
});
