-- Written by hand: a nullable column is added in place.
ALTER TABLE "Delivery" ADD COLUMN "resigned" TEXT;
