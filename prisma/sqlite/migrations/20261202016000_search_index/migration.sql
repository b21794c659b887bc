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

-- Kept in the capture's transaction and on every deletion (bin deletion cascades, prune, clear).
CREATE TRIGGER "CapturedRequest_search_insert" AFTER INSERT ON "CapturedRequest" BEGIN
  INSERT INTO "CapturedRequestSearch"(rowid, "headers", "bodyText") VALUES (new.rowid, new."headers", new."bodyText");
END;
CREATE TRIGGER "CapturedRequest_search_delete" AFTER DELETE ON "CapturedRequest" BEGIN
  INSERT INTO "CapturedRequestSearch"("CapturedRequestSearch", rowid, "headers", "bodyText") VALUES ('delete', old.rowid, old."headers", old."bodyText");
END;
CREATE TRIGGER "CapturedRequest_search_update" AFTER UPDATE OF "headers", "bodyText" ON "CapturedRequest" BEGIN
  INSERT INTO "CapturedRequestSearch"("CapturedRequestSearch", rowid, "headers", "bodyText") VALUES ('delete', old.rowid, old."headers", old."bodyText");
  INSERT INTO "CapturedRequestSearch"(rowid, "headers", "bodyText") VALUES (new.rowid, new."headers", new."bodyText");
END;

-- Index the headers of the rows already stored.
INSERT INTO "CapturedRequestSearch"("CapturedRequestSearch") VALUES ('rebuild');
