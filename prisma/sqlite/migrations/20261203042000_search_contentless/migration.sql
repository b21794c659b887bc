-- Written by hand, like 20261203016000_search_index. The trigram index becomes contentless with
-- contentless_delete=1 (SQLite 3.43 or later): the index keeps its own record of where each row's entries
-- are, so a deleted row leaves a tombstone by its rowid. With external content, every deleted row was read
-- back and trigram-tokenized again to be taken out: clearing a bin ran at about 400 rows/s.
-- Contentless, the table answers rowids only; searches read nothing else from it.
DROP TRIGGER "CapturedRequest_search_delete";
DROP TRIGGER "CapturedRequest_search_update";
DROP TABLE "CapturedRequestSearch";
CREATE VIRTUAL TABLE "CapturedRequestSearch" USING fts5("headers", "bodyText", content='', contentless_delete=1, tokenize='trigram');

-- The new index is empty: the background indexer (sqlite-search-index.ts) fills it again from the first row,
-- and searches scan the rows above the mark meanwhile.
UPDATE "CapturedRequestSearch_watermark" SET "indexedTo" = 0;

-- As before, only rows at or below the mark are in the index, and the mark comes down to the largest rowid left.
CREATE TRIGGER "CapturedRequest_search_delete" AFTER DELETE ON "CapturedRequest" BEGIN
  DELETE FROM "CapturedRequestSearch" WHERE rowid = old.rowid AND old.rowid <= (SELECT "indexedTo" FROM "CapturedRequestSearch_watermark");
  UPDATE "CapturedRequestSearch_watermark" SET "indexedTo" = (SELECT coalesce(max(rowid), 0) FROM "CapturedRequest")
    WHERE "indexedTo" > (SELECT coalesce(max(rowid), 0) FROM "CapturedRequest");
END;
-- Nothing updates these columns today. A contentless index cannot be given a row's old text to take out: the
-- row leaves by its rowid and comes back with the new text.
CREATE TRIGGER "CapturedRequest_search_update" AFTER UPDATE OF "headers", "bodyText" ON "CapturedRequest"
  WHEN old.rowid <= (SELECT "indexedTo" FROM "CapturedRequestSearch_watermark") BEGIN
  DELETE FROM "CapturedRequestSearch" WHERE rowid = old.rowid;
  INSERT INTO "CapturedRequestSearch"(rowid, "headers", "bodyText") VALUES (new.rowid, new."headers", new."bodyText");
END;
