import { after, test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { applyMigrations, createMigration } from "@/lib/server/db/migrations";

const SCHEMA = path.resolve("prisma/sqlite/schema.prisma");
const COMMITTED = path.resolve("prisma/sqlite/migrations");
const committedNames = readdirSync(COMMITTED, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const root = mkdtempSync(path.join(os.tmpdir(), "hookscope-migrations-"));
after(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
function tempDir(label: string): string {
  return path.join(root, `${label}-${++counter}`);
}

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    return (rows as { name: string }[]).map((row) => row.name);
  } finally {
    db.close();
  }
}

interface MigrationRow {
  migration_name: string;
  finished_at: string | null;
  rolled_back_at: string | null;
  applied_steps_count: number;
}

function migrationRows(file: string): MigrationRow[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare("SELECT migration_name, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name")
      .all() as MigrationRow[];
  } finally {
    db.close();
  }
}

const EXTRA_MODEL = `
model WebhookNote {
  id    String @id
  binId String
  text  String
}
`;

test("the committed migrations exist and match the schema", async () => {
  assert.ok(committedNames.length > 0, `no migration folder in ${COMMITTED}`);
  assert.match(readFileSync(path.join(COMMITTED, "migration_lock.toml"), "utf8"), /^provider = "sqlite"$/m);
  const migrationsDir = tempDir("committed");
  cpSync(COMMITTED, migrationsDir, { recursive: true });
  const created = await createMigration({
    provider: "sqlite",
    schemaPath: SCHEMA,
    migrationsDir,
    name: "should_be_empty",
  });
  assert.equal(created, null, "schema.prisma has changes no committed migration covers");
  assert.deepEqual(readdirSync(migrationsDir).sort(), readdirSync(COMMITTED).sort());
});

test("applyMigrations creates the tables once and records them like migrate deploy", async () => {
  // A folder that does not exist yet: the database folder must be created.
  const file = path.join(tempDir("apply"), "nested", "hookscope.db");
  const url = `file:${file}`;

  const first = await applyMigrations({ provider: "sqlite", url, migrationsDir: COMMITTED });
  assert.deepEqual(first, committedNames);

  const names = tables(file);
  for (const table of ["Bin", "CapturedRequest", "_prisma_migrations"]) {
    assert.ok(names.includes(table), `table ${table} missing, got ${names.join(", ")}`);
  }
  const rows = migrationRows(file);
  assert.deepEqual(
    rows.map((row) => row.migration_name),
    committedNames,
  );
  for (const row of rows) {
    assert.ok(row.finished_at, `${row.migration_name} has no finished_at`);
    assert.equal(row.rolled_back_at, null);
    assert.equal(Number(row.applied_steps_count), 1);
  }

  const second = await applyMigrations({ provider: "sqlite", url, migrationsDir: COMMITTED });
  assert.deepEqual(second, []);
  assert.equal(migrationRows(file).length, committedNames.length);
});

test("applyMigrations refuses a migration edited after it was applied", async () => {
  const migrationsDir = tempDir("edited");
  cpSync(COMMITTED, migrationsDir, { recursive: true });
  const url = `file:${path.join(tempDir("edited-db"), "db.sqlite")}`;
  await applyMigrations({ provider: "sqlite", url, migrationsDir });

  const edited = committedNames[0]!;
  appendFileSync(path.join(migrationsDir, edited, "migration.sql"), '\nCREATE TABLE "Sneaky" ("id" TEXT);\n');
  await assert.rejects(
    applyMigrations({ provider: "sqlite", url, migrationsDir }),
    (error: Error) => error.message.includes(edited) && /changed after being applied/.test(error.message),
  );
});

test("applyMigrations fails on a missing migrations folder instead of applying nothing", async () => {
  const url = `file:${path.join(tempDir("missing-db"), "db.sqlite")}`;
  await assert.rejects(applyMigrations({ provider: "sqlite", url, migrationsDir: tempDir("does-not-exist") }), /No migrations folder/);
});

test("createMigration writes only the change, laid out like the Prisma CLI, then nothing", async () => {
  const work = tempDir("create");
  const migrationsDir = path.join(work, "migrations");
  cpSync(COMMITTED, migrationsDir, { recursive: true });
  const schemaPath = path.join(work, "schema.prisma");
  writeFileSync(schemaPath, readFileSync(SCHEMA, "utf8") + EXTRA_MODEL);

  const created = await createMigration({
    provider: "sqlite",
    schemaPath,
    migrationsDir,
    name: "Add webhook note",
    now: new Date(Date.UTC(2099, 0, 2, 3, 4, 5)),
  });
  assert.ok(created, "expected a migration for the new model");
  assert.equal(created.name, "20990102030405_add_webhook_note");
  const sql = readFileSync(path.join(migrationsDir, created.name, "migration.sql"), "utf8");
  assert.equal(sql, created.sql);
  assert.match(sql, /CREATE TABLE "WebhookNote"/);
  // Diffed from the existing migrations, not from an empty database.
  assert.doesNotMatch(sql, /CREATE TABLE "Bin"/);
  assert.equal(
    readFileSync(path.join(migrationsDir, "migration_lock.toml"), "utf8"),
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "sqlite"\n',
  );

  // The new migration applies on top of the committed ones.
  const file = path.join(work, "db.sqlite");
  const applied = await applyMigrations({ provider: "sqlite", url: `file:${file}`, migrationsDir });
  assert.deepEqual(applied, [...committedNames, created.name]);
  assert.ok(tables(file).includes("WebhookNote"));

  const again = await createMigration({ provider: "sqlite", schemaPath, migrationsDir, name: "again" });
  assert.equal(again, null);
  assert.equal(readdirSync(migrationsDir).filter((name) => name.endsWith("_again")).length, 0);
});

test("createMigration starts an empty folder with the full schema and a lockfile", async () => {
  const migrationsDir = tempDir("fresh");
  const created = await createMigration({ provider: "sqlite", schemaPath: SCHEMA, migrationsDir, name: "init" });
  assert.ok(created);
  assert.match(created.name, /^\d{14}_init$/);
  assert.match(created.sql, /CREATE TABLE "Bin"/);
  assert.match(created.sql, /CREATE TABLE "CapturedRequest"/);
  assert.ok(existsSync(path.join(migrationsDir, "migration_lock.toml")));
});

test("createMigration refuses a timestamp that would sort before the newest migration", async () => {
  const work = tempDir("clock");
  const migrationsDir = path.join(work, "migrations");
  cpSync(COMMITTED, migrationsDir, { recursive: true });
  const schemaPath = path.join(work, "schema.prisma");
  writeFileSync(schemaPath, readFileSync(SCHEMA, "utf8") + EXTRA_MODEL);
  await assert.rejects(
    createMigration({ provider: "sqlite", schemaPath, migrationsDir, name: "late", now: new Date(Date.UTC(2000, 0, 1)) }),
    /would sort before/,
  );
  assert.deepEqual(readdirSync(migrationsDir).sort(), readdirSync(COMMITTED).sort());
});
