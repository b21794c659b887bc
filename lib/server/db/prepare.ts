import path from "node:path";
import { configureConnection, databaseProvider } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrations";
import { env } from "@/lib/server/env";

/** Brings the database to the committed schema before the server takes traffic. */
export async function prepareDatabase(rootDir: string): Promise<void> {
  const url = env().DATABASE_URL;
  const provider = databaseProvider(url);
  const migrationsDir = path.join(rootDir, "prisma", provider === "sqlite" ? "sqlite" : "postgres", "migrations");
  const applied = await applyMigrations({ provider, url, migrationsDir });
  if (applied.length > 0) console.log(`database: applied ${applied.length} migration(s): ${applied.join(", ")}`);
  await configureConnection();
}
