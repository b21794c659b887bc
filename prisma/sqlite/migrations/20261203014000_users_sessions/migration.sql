-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userAgent" TEXT,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "undeliveredDroppedAt" DATETIME,
    "recheckPending" BOOLEAN NOT NULL DEFAULT false,
    "prunedCount" INTEGER NOT NULL DEFAULT 0,
    "refusedRateLimited" INTEGER NOT NULL DEFAULT 0,
    "refusedTooLarge" INTEGER NOT NULL DEFAULT 0,
    "refusedOverloaded" INTEGER NOT NULL DEFAULT 0,
    "refusedUnauthorized" INTEGER NOT NULL DEFAULT 0,
    "refusedForbidden" INTEGER NOT NULL DEFAULT 0,
    "lastRefusedAt" DATETIME,
    "ownerUserId" TEXT,
    CONSTRAINT "Bin_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Bin" ("captureCount", "createdAt", "expiresAt", "id", "lastRefusedAt", "maxRequests", "ownerTokenHash", "prunedCount", "recheckPending", "refusedForbidden", "refusedOverloaded", "refusedRateLimited", "refusedTooLarge", "refusedUnauthorized", "responderTimeoutMs", "responderUntil", "secrets", "settings", "shareToken", "undeliveredDropped", "undeliveredDroppedAt") SELECT "captureCount", "createdAt", "expiresAt", "id", "lastRefusedAt", "maxRequests", "ownerTokenHash", "prunedCount", "recheckPending", "refusedForbidden", "refusedOverloaded", "refusedRateLimited", "refusedTooLarge", "refusedUnauthorized", "responderTimeoutMs", "responderUntil", "secrets", "settings", "shareToken", "undeliveredDropped", "undeliveredDroppedAt" FROM "Bin";
DROP TABLE "Bin";
ALTER TABLE "new_Bin" RENAME TO "Bin";
CREATE INDEX "Bin_expiresAt_idx" ON "Bin"("expiresAt");
CREATE INDEX "Bin_ownerUserId_idx" ON "Bin"("ownerUserId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "User_issuer_subject_key" ON "User"("issuer", "subject");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");
