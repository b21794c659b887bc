-- AlterTable
ALTER TABLE "Bin" ADD COLUMN     "recheckPending" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "CapturedRequest" ADD COLUMN     "sourceFailure" TEXT,
ADD COLUMN     "plainHttp" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "signature" TEXT NOT NULL DEFAULT 'not_signed',
ADD COLUMN     "freshness" TEXT NOT NULL DEFAULT 'not_checked';

-- Rows stored before: what the old one-word verdict settles is copied, and for the rest ('pending') their
-- bins are marked, and checked again from the stored bytes at the next start (lib/services/verification.ts).
UPDATE "CapturedRequest" SET
  "signature" = CASE "verdict" WHEN 'valid' THEN 'matches' WHEN 'no_secret' THEN 'no_secret' WHEN 'not_signed' THEN 'not_signed' ELSE 'pending' END,
  "freshness" = CASE WHEN "verdict" IN ('no_secret', 'not_signed') THEN 'not_checked' ELSE 'pending' END;
UPDATE "Bin" SET "recheckPending" = true WHERE "id" IN (SELECT DISTINCT "binId" FROM "CapturedRequest" WHERE "freshness" = 'pending');
