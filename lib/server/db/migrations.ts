import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { withSchemaEngine } from "@/lib/server/db/schema-engine";
import type { DatabaseProvider, MigrationEngine, MigrationList, SchemaFilter } from "@/lib/server/db/schema-engine";

const LOCKFILE = "migration_lock.toml";
const SCRIPT = "migration.sql";
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };
/**
 * Tables a migration made by hand that no schema can declare: the SQLite FTS5 search index, its
 * shadow tables and its watermark (20261203016000_search_index), and the shape learner's watermark (20261203041700_shape_learner). The diff sees them only in the migrations and would drop
 * them. (The engine's externalTables filter expects such tables to be models in the schema.)
 */
const HAND_MADE_TABLE = /^DROP TABLE "(CapturedRequestSearch(_[a-z]+)?|ShapeLearner_watermark)";$/m;

/** The diff's script without the steps that would drop hand-made tables; null when nothing else is left. */
function withoutHandMadeDrops(script: string): string | null {
  const steps = script.split(/\n(?=-- )/).filter((step) => !HAND_MADE_TABLE.test(step));
  const kept = steps.join("\n");
  return /^(?!--)\S/m.test(kept) ? kept : null;
}

export interface ApplyMigrationsOptions {
  provider: DatabaseProvider;
  url: string;
  migrationsDir: string;
}

export interface CreateMigrationOptions {
  provider: DatabaseProvider;
  /** Database the engine connects to; nothing is written to it. SQLite defaults to in-memory. */
  url?: string;
  schemaPath: string;
  migrationsDir: string;
  name: string;
  /** Clock for the folder's timestamp; tests pin it. */
  now?: Date;
}

export interface CreatedMigration {
  /** Folder name, e.g. `20250101120000_init`. */
  name: string;
  dir: string;
  sql: string;
}

/** Applies the committed migrations the database lacks, like `prisma migrate deploy`; returns their names. */
export async function applyMigrations({ provider, url, migrationsDir }: ApplyMigrationsOptions): Promise<string[]> {
  // A mistyped folder would otherwise look like "nothing to apply".
  if (!existsSync(migrationsDir)) throw new Error(`No migrations folder at ${path.resolve(migrationsDir)}`);
  const migrationsList = await readMigrationsList(migrationsDir);
  return withSchemaEngine({ provider, url }, async (engine) => {
    await refuseEditedMigrations(engine, migrationsList);
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList,
      filters: NO_FILTER,
    });
    return appliedMigrationNames;
  });
}

// The engine's applyMigrations (like `migrate deploy`) skips a migration already recorded
// under its name even when its file changed since; the database would then silently differ
// from what the folder says, so stop instead.
async function refuseEditedMigrations(engine: MigrationEngine, migrationsList: MigrationList) {
  let edited: string[];
  try {
    const diagnosis = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_FILTER,
    });
    edited = diagnosis.editedMigrationNames;
  } catch (error) {
    // P1014: no `_prisma_migrations` table yet, so nothing can have been edited.
    if ((error as { code?: unknown }).code === "P1014") return;
    throw error;
  }
  if (edited.length > 0) {
    throw new Error(
      `Migration(s) ${edited.join(", ")} in ${migrationsList.baseDir} changed after being applied ` +
        `to this database (checksum mismatch). Restore the applied ${SCRIPT} and put the change ` +
        `in a new migration instead.`,
    );
  }
}

/**
 * Writes `<migrationsDir>/<UTC timestamp>_<name>/migration.sql` taking the folder's migrations
 * to the schema file, plus `migration_lock.toml`, laid out as `prisma migrate dev --create-only`
 * does. Returns null, writing nothing, when the schema needs no change.
 */
export async function createMigration({
  provider,
  url,
  schemaPath,
  migrationsDir,
  name,
  now = new Date(),
}: CreateMigrationOptions): Promise<CreatedMigration | null> {
  const slug = migrationSlug(name);
  const migrationsList = await readMigrationsList(migrationsDir);
  assertLockedProvider(migrationsList, provider);
  const schema = { path: path.resolve(schemaPath), content: await readFile(schemaPath, "utf8") };
  if (!url && provider !== "sqlite") throw new Error(`createMigration needs a ${provider} url.`);

  // The engine's own createMigration cannot build a SQLite shadow database in wasm; `diff`
  // replays the migrations on the adapter's shadow database instead (as `prisma migrate diff
  // --from-migrations --to-schema --script` does) and renders the same script, minus the
  // data-loss warning comment createMigration would prepend.
  const result = await withSchemaEngine({ provider, url: url ?? ":memory:" }, (engine) =>
    engine.diff({
      from: migrationsList.migrationDirectories.length > 0 ? { tag: "migrations", ...migrationsList } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    }),
  );
  // With exitCode set, the engine answers 2 for a non-empty diff and 0 for no change.
  if (result.exitCode === 0) return null;
  if (result.exitCode !== 2 || result.stdout === null) {
    throw new Error(`Unexpected answer from the schema engine's diff: exit code ${result.exitCode}.`);
  }
  const script = withoutHandMadeDrops(result.stdout);
  if (script === null) return null;

  const folder = `${utcTimestamp(now)}_${slug}`;
  // Folders apply in name order; a clock behind the newest migration would slip this one before it.
  const newest = migrationsList.migrationDirectories.at(-1)?.path;
  if (newest !== undefined && folder.localeCompare(newest) <= 0) {
    throw new Error(`${folder} would sort before the existing ${newest}: check the system clock.`);
  }
  const dir = path.join(migrationsList.baseDir, folder);
  if (existsSync(dir)) throw new Error(`The migration directory already exists at ${dir}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, SCRIPT), script, "utf8");
  await writeFile(path.join(migrationsList.baseDir, LOCKFILE), lockfileContent(provider), "utf8");
  return { name: folder, dir, sql: script };
}

/** The migrations folder as the engine expects it, read the way the Prisma CLI reads it. */
export async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockContent = await readFile(path.join(baseDir, LOCKFILE), "utf8").catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  const migrationDirectories = await Promise.all(
    folders.map(async (folder) => ({
      path: folder,
      migrationFile: {
        path: SCRIPT,
        content: await readFile(path.join(baseDir, folder, SCRIPT), "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        ),
      },
    })),
  );
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

// Byte for byte what the Prisma CLI writes, so either tool can take over the folder.
function lockfileContent(provider: DatabaseProvider): string {
  return "# Please do not edit this file manually\n" + "# It should be added in your version-control system (e.g., Git)\n" + `provider = "${provider}"\n`;
}

// `diff` does not check the lockfile the way the engine's createMigration does; without this,
// SQLite migrations could be appended to a PostgreSQL folder.
function assertLockedProvider({ lockfile, baseDir }: MigrationList, provider: DatabaseProvider) {
  const locked = lockfile.content?.match(/^\s*provider\s*=\s*"([^"]*)"/m)?.[1];
  if (locked !== undefined && locked !== provider) {
    throw new Error(`${baseDir} holds ${locked} migrations (${LOCKFILE}), not ${provider} ones.`);
  }
}

// The CLI slugifies `--name` with "_" as separator and keeps 200 characters.
function migrationSlug(name: string): string {
  const slug = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
  if (slug === "") throw new Error(`Migration name ${JSON.stringify(name)} has no letters or digits.`);
  return slug;
}

// Same YYYYMMDDHHMMSS (UTC) prefix as the engine, so folders sort in creation order.
function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}
