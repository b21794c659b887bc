-- Written by hand: Prisma cannot declare trigram indexes, a collation in an index or a partial index.
-- Searches narrow by these indexes first and then apply their exact predicates (hot-store-types.ts searchSql).

-- pg_trgm is a trusted extension: the database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The body as text where it is valid UTF-8 without NUL bytes, filled at capture. Null rows (binary bodies,
-- and rows captured before this migration) are searched by scanning their bytes.
ALTER TABLE "CapturedRequest" ADD COLUMN "bodyText" TEXT;

-- Path prefix search: a range on (binId, path) compared byte by byte, whatever the database's collation.
CREATE INDEX "CapturedRequest_binId_path_idx" ON "CapturedRequest"("binId", "path" COLLATE "C");

-- The rows a body search must scan, found without reading the others.
CREATE INDEX "CapturedRequest_binId_unindexed_body_idx" ON "CapturedRequest"("binId", "id") WHERE "bodyText" IS NULL;

-- Trigram indexes for the header ILIKE and the body text LIKE.
CREATE INDEX "CapturedRequest_headers_trgm_idx" ON "CapturedRequest" USING GIN ("headers" gin_trgm_ops);
CREATE INDEX "CapturedRequest_bodyText_trgm_idx" ON "CapturedRequest" USING GIN ("bodyText" gin_trgm_ops);
