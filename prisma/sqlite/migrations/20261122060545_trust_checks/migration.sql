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
    "settings" TEXT NOT NULL DEFAULT '{}',
    "secrets" TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO "new_Bin" ("captureCount", "createdAt", "expiresAt", "id", "maxRequests", "ownerTokenHash", "settings", "shareToken") SELECT "captureCount", "createdAt", "expiresAt", "id", "maxRequests", "ownerTokenHash", "settings", "shareToken" FROM "Bin";
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
    "forwardPending" BOOLEAN NOT NULL DEFAULT false,
    "verdict" TEXT NOT NULL DEFAULT 'not_signed',
    "replaySuspected" BOOLEAN NOT NULL DEFAULT false,
    "deliveryKey" TEXT,
    "duplicateOf" TEXT,
    "authFailure" TEXT,
    CONSTRAINT "CapturedRequest_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CapturedRequest" ("binId", "body", "bodySize", "contentType", "forwardPending", "headers", "httpVersion", "id", "method", "path", "query", "receivedAt", "remoteAddress", "responseRule", "responseStatus", "sequence") SELECT "binId", "body", "bodySize", "contentType", "forwardPending", "headers", "httpVersion", "id", "method", "path", "query", "receivedAt", "remoteAddress", "responseRule", "responseStatus", "sequence" FROM "CapturedRequest";
DROP TABLE "CapturedRequest";
ALTER TABLE "new_CapturedRequest" RENAME TO "CapturedRequest";
CREATE INDEX "CapturedRequest_binId_id_idx" ON "CapturedRequest"("binId", "id");
CREATE INDEX "CapturedRequest_forwardPending_idx" ON "CapturedRequest"("forwardPending");
CREATE INDEX "CapturedRequest_binId_deliveryKey_idx" ON "CapturedRequest"("binId", "deliveryKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
