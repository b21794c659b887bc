-- Written by hand: Prisma's diff copies the whole table to add a column; SQLite adds a nullable one in place.
ALTER TABLE "CapturedRequest" ADD COLUMN "eventType" TEXT;
