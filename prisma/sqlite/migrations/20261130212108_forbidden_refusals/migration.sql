-- Written by hand: Prisma's diff copies the whole table to add a column; SQLite adds one with a constant default in place.
ALTER TABLE "Bin" ADD COLUMN "refusedForbidden" INTEGER NOT NULL DEFAULT 0;
