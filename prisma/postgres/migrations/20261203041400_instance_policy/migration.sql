-- CreateTable
CREATE TABLE "InstancePolicy" (
    "id" TEXT NOT NULL,
    "privateTargetRoles" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InstancePolicy_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "Bin" ADD COLUMN "forwardRole" TEXT NOT NULL DEFAULT 'owner_token';
ALTER TABLE "Delivery" ADD COLUMN "senderRole" TEXT NOT NULL DEFAULT 'owner_token';
