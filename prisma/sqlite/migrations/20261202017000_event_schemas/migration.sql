-- Written by hand: Prisma's diff copies the whole request table to add columns; SQLite adds nullable ones in place.
ALTER TABLE "CapturedRequest" ADD COLUMN "schemaResult" TEXT;
ALTER TABLE "CapturedRequest" ADD COLUMN "schemaErrors" TEXT;
ALTER TABLE "CapturedRequest" ADD COLUMN "schemaRef" TEXT;

-- CreateTable
CREATE TABLE "EventSchema" (
    "binId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "draft" TEXT NOT NULL,
    "schema" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("binId", "eventType"),
    CONSTRAINT "EventSchema_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
