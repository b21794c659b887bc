import path from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "./temp";

export const ROOT_DIR = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Points the app at a new SQLite file and migrates it. Call before anything reads the environment
 * (lib/env caches it), i.e. at the top of a test file.
 */
export async function useFreshDatabase(prefix: string): Promise<string> {
  const file = path.join(tempDir(prefix), "test.db");
  process.env.DATABASE_URL = `file:${file}`;
  const { prepareDatabase } = await import("@/lib/db/prepare");
  await prepareDatabase(ROOT_DIR);
  return file;
}
