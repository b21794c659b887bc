import path from "node:path";
import { configureConnection } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { env } from "@/lib/env";

/** Brings the database to the committed schema before the server takes traffic. */
export async function prepareDatabase(rootDir: string): Promise<void> {
  const url = env().DATABASE_URL;
  const migrationsDir = path.join(rootDir, "prisma", "sqlite", "migrations");
  const applied = await applyMigrations({ provider: "sqlite", url, migrationsDir });
  if (applied.length > 0) console.log(`database: applied ${applied.length} migration(s): ${applied.join(", ")}`);
  await configureConnection();
}
