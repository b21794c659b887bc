-- AlterTable
ALTER TABLE "CapturedRequest" ADD COLUMN "eventType" TEXT;
