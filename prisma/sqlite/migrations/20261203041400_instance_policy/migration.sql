-- CreateTable
CREATE TABLE "InstancePolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "privateTargetRoles" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- AlterTable: ADD COLUMN with a constant default, so neither table is rebuilt
ALTER TABLE "Bin" ADD COLUMN "forwardRole" TEXT NOT NULL DEFAULT 'owner_token';
ALTER TABLE "Delivery" ADD COLUMN "senderRole" TEXT NOT NULL DEFAULT 'owner_token';
