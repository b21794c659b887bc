-- Written by hand: Prisma's diff copies the whole request table to add columns; SQLite adds nullable ones in place.
ALTER TABLE "CapturedRequest" ADD COLUMN "shapeDrift" INTEGER;
ALTER TABLE "CapturedRequest" ADD COLUMN "shapeChanges" TEXT;
ALTER TABLE "CapturedRequest" ADD COLUMN "shapeNote" TEXT;

-- CreateTable
CREATE TABLE "EventShape" (
    "binId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "shape" TEXT NOT NULL,
    "changes" TEXT NOT NULL DEFAULT '[]',
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,

    PRIMARY KEY ("binId", "eventType"),
    CONSTRAINT "EventShape_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
