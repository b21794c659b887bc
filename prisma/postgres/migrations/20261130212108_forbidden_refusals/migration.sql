-- AlterTable
ALTER TABLE "Bin" ADD COLUMN     "refusedForbidden" INTEGER NOT NULL DEFAULT 0;
