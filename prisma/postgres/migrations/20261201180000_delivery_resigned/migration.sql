-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "resigned" TEXT;
