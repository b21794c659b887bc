import { databaseProvider } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrations";
import { errorMessage } from "@/lib/shared/errors";

const url = process.env.DATABASE_URL || "file:./data/hookscope.db";
const provider = databaseProvider(url);
const migrationsDir = `prisma/${provider === "sqlite" ? "sqlite" : "postgres"}/migrations`;
// Never print the URL itself: a PostgreSQL URL carries its password.
const target = provider === "sqlite" ? url : "the PostgreSQL database";

try {
  const applied = await applyMigrations({ provider, url, migrationsDir });
  if (applied.length === 0) {
    console.log(`${target} is up to date with ${migrationsDir}.`);
  } else {
    console.log(`Applied ${applied.length} migration(s) to ${target}:`);
    for (const name of applied) console.log(`  ${name}`);
  }
} catch (error) {
  console.error(`Migrating ${target} failed: ${errorMessage(error)}`);
  process.exitCode = 1;
}
