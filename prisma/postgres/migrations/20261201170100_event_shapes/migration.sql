-- AlterTable
ALTER TABLE "CapturedRequest" ADD COLUMN "shapeChanges" TEXT,
ADD COLUMN "shapeDrift" INTEGER,
ADD COLUMN "shapeNote" TEXT;

-- CreateTable
CREATE TABLE "EventShape" (
    "binId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "shape" TEXT NOT NULL,
    "changes" TEXT NOT NULL DEFAULT '[]',
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventShape_pkey" PRIMARY KEY ("binId","eventType")
);

-- AddForeignKey
ALTER TABLE "EventShape" ADD CONSTRAINT "EventShape_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin"("id") ON DELETE CASCADE ON UPDATE CASCADE;
