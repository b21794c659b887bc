-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN "userId" TEXT;

-- CreateIndex
CREATE INDEX "AuditEntry_userId_id_idx" ON "AuditEntry"("userId", "id");
