-- AlterTable
ALTER TABLE "Bin" ADD COLUMN     "responderTimeoutMs" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "responderUntil" TIMESTAMP(3),
ADD COLUMN     "undeliveredDropped" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "undeliveredDroppedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Forwarder" (
    "id" TEXT NOT NULL,
    "binId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cursor" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "connectedUntil" TIMESTAMP(3),
    "dropped" INTEGER NOT NULL DEFAULT 0,
    "droppedAt" TIMESTAMP(3),

    CONSTRAINT "Forwarder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CapturedRequest_binId_sequence_idx" ON "CapturedRequest"("binId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "Forwarder_binId_name_key" ON "Forwarder"("binId", "name");

-- AddForeignKey
ALTER TABLE "Forwarder" ADD CONSTRAINT "Forwarder_binId_fkey" FOREIGN KEY ("binId") REFERENCES "Bin"("id") ON DELETE CASCADE ON UPDATE CASCADE;
