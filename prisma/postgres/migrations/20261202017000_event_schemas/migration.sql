-- AlterTable
ALTER TABLE "CapturedRequest" ADD COLUMN "schemaErrors" TEXT,
ADD COLUMN "schemaRef" TEXT,
ADD COLUMN "schemaResult" TEXT;

-- CreateTable
CREATE TABLE "EventSchema" (
    "binId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "draft" TEXT NOT NULL,
    "schema" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventSchema_pkey" PRIMARY KEY ("binId","eventType")
);

-- AddForeignKey
ALTER TABLE "EventSchema" ADD CONSTRAINT "EventSchema_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin"("id") ON DELETE CASCADE ON UPDATE CASCADE;
