-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Bin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerTokenHash" TEXT NOT NULL,
    "shareToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "maxRequests" INTEGER NOT NULL DEFAULT 1000,
    "captureCount" INTEGER NOT NULL DEFAULT 0,
    "settings" TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO "new_Bin" ("createdAt", "id", "ownerTokenHash", "shareToken") SELECT "createdAt", "id", "ownerTokenHash", "shareToken" FROM "Bin";
DROP TABLE "Bin";
ALTER TABLE "new_Bin" RENAME TO "Bin";
CREATE INDEX "Bin_expiresAt_idx" ON "Bin"("expiresAt");
CREATE TABLE "new_CapturedRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "binId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "headers" TEXT NOT NULL,
    "contentType" TEXT,
    "body" BLOB NOT NULL,
    "bodySize" INTEGER NOT NULL,
    "remoteAddress" TEXT NOT NULL,
    "httpVersion" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "responseStatus" INTEGER NOT NULL DEFAULT 200,
    "responseRule" TEXT,
    CONSTRAINT "CapturedRequest_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CapturedRequest" ("binId", "body", "bodySize", "contentType", "headers", "httpVersion", "id", "method", "path", "query", "receivedAt", "remoteAddress") SELECT "binId", "body", "bodySize", "contentType", "headers", "httpVersion", "id", "method", "path", "query", "receivedAt", "remoteAddress" FROM "CapturedRequest";
DROP TABLE "CapturedRequest";
ALTER TABLE "new_CapturedRequest" RENAME TO "CapturedRequest";
CREATE INDEX "CapturedRequest_binId_id_idx" ON "CapturedRequest"("binId", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
