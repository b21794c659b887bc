import path from "node:path";
import { createMigration } from "@/lib/db/migrations";

const schemaPath = "prisma/sqlite/schema.prisma";
const migrationsDir = "prisma/sqlite/migrations";
const name = process.argv.slice(2).join(" ").trim();

if (name === "") {
  console.error("Usage: npm run db:migration:create -- <name>");
  process.exit(2);
}

try {
  const created = await createMigration({ provider: "sqlite", schemaPath, migrationsDir, name });
  if (created === null) {
    console.log(`No changes: ${migrationsDir} already matches ${schemaPath}. Nothing written.`);
  } else {
    console.log(`Created ${path.relative(process.cwd(), created.dir)}/migration.sql`);
  }
} catch (error) {
  console.error(`Creating the migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
