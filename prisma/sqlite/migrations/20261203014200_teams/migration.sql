-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TeamMember" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("teamId", "userId"),
    CONSTRAINT "TeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TeamMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TeamInvite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedById" TEXT,
    CONSTRAINT "TeamInvite_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "ownerTeamId" TEXT,
    CONSTRAINT "Bin_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Bin_ownerTeamId_fkey" FOREIGN KEY ("ownerTeamId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Bin" ("captureCount", "createdAt", "expiresAt", "id", "lastRefusedAt", "maxRequests", "ownerTokenHash", "ownerUserId", "prunedCount", "recheckPending", "refusedForbidden", "refusedOverloaded", "refusedRateLimited", "refusedTooLarge", "refusedUnauthorized", "responderTimeoutMs", "responderUntil", "secrets", "settings", "shareToken", "undeliveredDropped", "undeliveredDroppedAt") SELECT "captureCount", "createdAt", "expiresAt", "id", "lastRefusedAt", "maxRequests", "ownerTokenHash", "ownerUserId", "prunedCount", "recheckPending", "refusedForbidden", "refusedOverloaded", "refusedRateLimited", "refusedTooLarge", "refusedUnauthorized", "responderTimeoutMs", "responderUntil", "secrets", "settings", "shareToken", "undeliveredDropped", "undeliveredDroppedAt" FROM "Bin";
DROP TABLE "Bin";
ALTER TABLE "new_Bin" RENAME TO "Bin";
CREATE INDEX "Bin_expiresAt_idx" ON "Bin"("expiresAt");
CREATE INDEX "Bin_ownerUserId_idx" ON "Bin"("ownerUserId");
CREATE INDEX "Bin_ownerTeamId_idx" ON "Bin"("ownerTeamId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TeamMember_userId_idx" ON "TeamMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "TeamInvite_tokenHash_key" ON "TeamInvite"("tokenHash");

-- CreateIndex
CREATE INDEX "TeamInvite_teamId_idx" ON "TeamInvite"("teamId");
