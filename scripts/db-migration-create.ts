import path from "node:path";
import { createMigration } from "@/lib/server/db/migrations";
import type { DatabaseProvider } from "@/lib/server/db/schema-engine";
import { errorMessage } from "@/lib/shared/errors";

// Both schemas hold the same models, so a change gets a migration for each database.
// PostgreSQL diffs need a server to replay the existing migrations on: MIGRATION_POSTGRES_URL.
const name = process.argv.slice(2).join(" ").trim();
if (name === "") {
  console.error("Usage: npm run db:migration:create -- <name>   (set MIGRATION_POSTGRES_URL for the PostgreSQL migration)");
  process.exit(2);
}

const targets: { provider: DatabaseProvider; url?: string }[] = [{ provider: "sqlite" }];
if (process.env.MIGRATION_POSTGRES_URL) targets.push({ provider: "postgresql", url: process.env.MIGRATION_POSTGRES_URL });
else console.warn("MIGRATION_POSTGRES_URL is not set: only the SQLite migration is created. Create the PostgreSQL one before committing.");

for (const { provider, url } of targets) {
  const folder = provider === "sqlite" ? "sqlite" : "postgres";
  const schemaPath = `prisma/${folder}/schema.prisma`;
  const migrationsDir = `prisma/${folder}/migrations`;
  try {
    const created = await createMigration({ provider, url, schemaPath, migrationsDir, name });
    console.log(
      created === null
        ? `${provider}: no changes; ${migrationsDir} already matches ${schemaPath}.`
        : `${provider}: created ${path.relative(process.cwd(), created.dir)}/migration.sql`,
    );
  } catch (error) {
    console.error(`${provider}: creating the migration failed: ${errorMessage(error)}`);
    process.exitCode = 1;
  }
}
