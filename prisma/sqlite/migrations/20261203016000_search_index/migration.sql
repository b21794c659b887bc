-- Written by hand: Prisma cannot declare an FTS5 table, its triggers or an expression index.
-- Searches narrow by this index first and then apply their exact predicates (hot-store-types.ts searchSql).

-- The body as text where it is valid UTF-8 without NUL bytes, filled at capture. Null rows (binary bodies,
-- and rows captured before this migration) are searched by scanning their bytes.
ALTER TABLE "CapturedRequest" ADD COLUMN "bodyText" TEXT;

-- Path prefix search: a range on (binId, path).
CREATE INDEX "CapturedRequest_binId_path_idx" ON "CapturedRequest"("binId", "path");

-- The rows a body search must scan, found without reading the others. (Not a partial index: Prisma's
-- schema engine fails to describe a SQLite database that has one, and could no longer create migrations.)
CREATE INDEX "CapturedRequest_binId_unindexed_body_idx" ON "CapturedRequest"("binId", ("bodyText" IS NULL));

-- Trigram index over the header pairs (JSON text) and the body text. External content: the text stays in
-- CapturedRequest only, the index maps trigrams to its rowids. Case-insensitive: a superset of both the
-- case-insensitive header match and the exact body match, which are checked afterwards.
CREATE VIRTUAL TABLE "CapturedRequestSearch" USING fts5("headers", "bodyText", content='CapturedRequest', content_rowid='rowid', tokenize='trigram');

-- How far the index reaches: every row with a rowid up to "indexedTo" is in it, no row above. Captures do not
-- touch the index (an insert trigger made each capture cost 25 to 45 times more); the store's background
-- indexer (sqlite-search-index.ts) copies the rows above the mark and moves it in one transaction, and
-- searches scan the rows above it. 0 here: the rows stored before this migration are indexed the same way.
CREATE TABLE "CapturedRequestSearch_watermark" (
  "id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
  "indexedTo" INTEGER NOT NULL
);
INSERT INTO "CapturedRequestSearch_watermark" ("id", "indexedTo") VALUES (1, 0);

-- Deletions (one request, prune, clear, a bin's cascade) take indexed rows out of the index; a row above the
-- mark was never in it, and external content must not be told to delete what it does not hold. A rowid is the
-- table's largest plus one, so once the newest rows are deleted new ones would reuse rowids under the mark:
-- the mark comes down to the largest rowid left (every row up to it is still indexed).
CREATE TRIGGER "CapturedRequest_search_delete" AFTER DELETE ON "CapturedRequest" BEGIN
  INSERT INTO "CapturedRequestSearch"("CapturedRequestSearch", rowid, "headers", "bodyText")
    SELECT 'delete', old.rowid, old."headers", old."bodyText" FROM "CapturedRequestSearch_watermark" WHERE old.rowid <= "indexedTo";
  UPDATE "CapturedRequestSearch_watermark" SET "indexedTo" = (SELECT coalesce(max(rowid), 0) FROM "CapturedRequest")
    WHERE "indexedTo" > (SELECT coalesce(max(rowid), 0) FROM "CapturedRequest");
END;
-- Nothing updates these columns today; an indexed row that changed would otherwise keep its old trigrams.
CREATE TRIGGER "CapturedRequest_search_update" AFTER UPDATE OF "headers", "bodyText" ON "CapturedRequest"
  WHEN old.rowid <= (SELECT "indexedTo" FROM "CapturedRequestSearch_watermark") BEGIN
  INSERT INTO "CapturedRequestSearch"("CapturedRequestSearch", rowid, "headers", "bodyText") VALUES ('delete', old.rowid, old."headers", old."bodyText");
  INSERT INTO "CapturedRequestSearch"(rowid, "headers", "bodyText") VALUES (new.rowid, new."headers", new."bodyText");
END;
