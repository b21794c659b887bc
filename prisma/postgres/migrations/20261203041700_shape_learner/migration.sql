-- Shape learning, drift and owner-schema checks leave the capture transaction: a capture marks its
-- JSON row "shapePending" and the background learner (lib/server/shapes/learner.ts) does the rest.
ALTER TABLE "CapturedRequest" ADD COLUMN "shapePending" BOOLEAN NOT NULL DEFAULT false;

-- Written by hand: the learner finds the pending rows through this partial index, which holds only them.
CREATE INDEX "CapturedRequest_shapePending_idx" ON "CapturedRequest"("id") WHERE "shapePending";

-- The re-check of a type's earlier requests after its schema is set or replaced walks them newest first.
-- Existing schemas start one: requests captured before them were never given a verdict.
ALTER TABLE "EventSchema" ADD COLUMN "recheckBefore" TEXT;
UPDATE "EventSchema" SET "recheckBefore" = '';
