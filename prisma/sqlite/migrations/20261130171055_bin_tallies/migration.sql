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
    "secrets" TEXT NOT NULL DEFAULT '[]',
    "responderUntil" DATETIME,
    "responderTimeoutMs" INTEGER NOT NULL DEFAULT 0,
    "undeliveredDropped" INTEGER NOT NULL DEFAULT 0,
    "undeliveredDroppedAt" DATETIME,
    "prunedCount" INTEGER NOT NULL DEFAULT 0,
    "refusedRateLimited" INTEGER NOT NULL DEFAULT 0,
    "refusedTooLarge" INTEGER NOT NULL DEFAULT 0,
    "refusedOverloaded" INTEGER NOT NULL DEFAULT 0,
    "refusedUnauthorized" INTEGER NOT NULL DEFAULT 0,
    "lastRefusedAt" DATETIME
);
INSERT INTO "new_Bin" ("captureCount", "createdAt", "expiresAt", "id", "maxRequests", "ownerTokenHash", "responderTimeoutMs", "responderUntil", "secrets", "settings", "shareToken", "undeliveredDropped", "undeliveredDroppedAt") SELECT "captureCount", "createdAt", "expiresAt", "id", "maxRequests", "ownerTokenHash", "responderTimeoutMs", "responderUntil", "secrets", "settings", "shareToken", "undeliveredDropped", "undeliveredDroppedAt" FROM "Bin";
DROP TABLE "Bin";
ALTER TABLE "new_Bin" RENAME TO "Bin";
CREATE INDEX "Bin_expiresAt_idx" ON "Bin"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
