-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "binId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "targetUrl" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "headers" TEXT NOT NULL,
    "body" BLOB NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL,
    "nextAttemptAt" DATETIME,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Delivery_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Delivery_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "CapturedRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deliveryId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "status" INTEGER,
    "responseHeaders" TEXT,
    "responseBody" BLOB,
    "responseTruncated" BOOLEAN NOT NULL DEFAULT false,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    CONSTRAINT "DeliveryAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    CONSTRAINT "CapturedRequest_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CapturedRequest" ("binId", "body", "bodySize", "contentType", "headers", "httpVersion", "id", "method", "path", "query", "receivedAt", "remoteAddress", "responseRule", "responseStatus", "sequence") SELECT "binId", "body", "bodySize", "contentType", "headers", "httpVersion", "id", "method", "path", "query", "receivedAt", "remoteAddress", "responseRule", "responseStatus", "sequence" FROM "CapturedRequest";
DROP TABLE "CapturedRequest";
ALTER TABLE "new_CapturedRequest" RENAME TO "CapturedRequest";
CREATE INDEX "CapturedRequest_binId_id_idx" ON "CapturedRequest"("binId", "id");
CREATE INDEX "CapturedRequest_forwardPending_idx" ON "CapturedRequest"("forwardPending");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Delivery_status_nextAttemptAt_idx" ON "Delivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Delivery_binId_createdAt_idx" ON "Delivery"("binId", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_requestId_idx" ON "Delivery"("requestId");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_deliveryId_number_idx" ON "DeliveryAttempt"("deliveryId", "number");
