-- Shape learning, drift and owner-schema checks leave the capture transaction: a capture marks its
-- JSON row "shapePending" and the background learner (lib/server/shapes/learner.ts) does the rest.
ALTER TABLE "CapturedRequest" ADD COLUMN "shapePending" BOOLEAN NOT NULL DEFAULT false;

-- The re-check of a type's earlier requests after its schema is set or replaced walks them newest first.
-- Existing schemas start one: requests captured before them were never given a verdict.
ALTER TABLE "EventSchema" ADD COLUMN "recheckBefore" TEXT;
UPDATE "EventSchema" SET "recheckBefore" = '';

-- Written by hand (Prisma's schema cannot declare it): every row with a rowid up to "learnedTo" has been
-- seen by the learner, none above it. The learner reads the rows above the mark by rowid range, so the
-- capture path keeps no index for it.
CREATE TABLE "ShapeLearner_watermark" (
  "id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
  "learnedTo" INTEGER NOT NULL
);
-- Rows stored before this migration were learnt at capture.
INSERT INTO "ShapeLearner_watermark" ("id", "learnedTo") SELECT 1, coalesce(max(rowid), 0) FROM "CapturedRequest";

-- A new row's rowid is the table's largest plus one: once the newest rows are deleted, new ones would reuse
-- rowids under the mark and never be learnt. The mark comes down to the largest rowid left.
CREATE TRIGGER "CapturedRequest_shape_learner_delete" AFTER DELETE ON "CapturedRequest" BEGIN
  UPDATE "ShapeLearner_watermark" SET "learnedTo" = (SELECT coalesce(max(rowid), 0) FROM "CapturedRequest")
    WHERE "learnedTo" > (SELECT coalesce(max(rowid), 0) FROM "CapturedRequest");
END;
