import { applyMigrations } from "@/lib/db/migrations";

const url = process.env.DATABASE_URL || "file:./data/hookscope.db";
const migrationsDir = "prisma/sqlite/migrations";

try {
  const applied = await applyMigrations({ provider: "sqlite", url, migrationsDir });
  if (applied.length === 0) {
    console.log(`${url} is up to date with ${migrationsDir}.`);
  } else {
    console.log(`Applied ${applied.length} migration(s) to ${url}:`);
    for (const name of applied) console.log(`  ${name}`);
  }
} catch (error) {
  console.error(`Migrating ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
