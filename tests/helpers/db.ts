import { fileURLToPath } from "node:url";
import { freshDatabaseUrl } from "./database";

export const ROOT_DIR = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Points the app at a new database (SQLite, or PostgreSQL under TEST_DB=postgres) and migrates it.
 * Call before anything reads the environment (lib/server/env.ts caches it), i.e. at the top of a test file.
 * Returns the database URL.
 */
export async function useFreshDatabase(prefix: string): Promise<string> {
  const url = await freshDatabaseUrl(prefix);
  process.env.DATABASE_URL = url;
  const { prepareDatabase } = await import("@/lib/server/db/prepare");
  await prepareDatabase(ROOT_DIR);
  return url;
}
