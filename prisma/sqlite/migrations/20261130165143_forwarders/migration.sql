-- CreateTable
CREATE TABLE "Forwarder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "binId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cursor" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL,
    "connectedUntil" DATETIME,
    "dropped" INTEGER NOT NULL DEFAULT 0,
    "droppedAt" DATETIME,
    CONSTRAINT "Forwarder_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "undeliveredDroppedAt" DATETIME
);
INSERT INTO "new_Bin" ("captureCount", "createdAt", "expiresAt", "id", "maxRequests", "ownerTokenHash", "secrets", "settings", "shareToken") SELECT "captureCount", "createdAt", "expiresAt", "id", "maxRequests", "ownerTokenHash", "secrets", "settings", "shareToken" FROM "Bin";
DROP TABLE "Bin";
ALTER TABLE "new_Bin" RENAME TO "Bin";
CREATE INDEX "Bin_expiresAt_idx" ON "Bin"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Forwarder_binId_name_key" ON "Forwarder"("binId", "name");

-- CreateIndex
CREATE INDEX "CapturedRequest_binId_sequence_idx" ON "CapturedRequest"("binId", "sequence");
