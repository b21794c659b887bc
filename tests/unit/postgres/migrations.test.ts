import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { applyMigrations } from "@/lib/server/db/migrations";
import { freshDatabaseUrl } from "../../helpers/database";
import { tempDir } from "../../helpers/temp";

const MIGRATIONS = path.resolve("prisma/postgres/migrations");

test("the committed PostgreSQL migrations apply to an empty database, once", async () => {
  const url = await freshDatabaseUrl("pgmigrate");
  const applied = await applyMigrations({ provider: "postgresql", url, migrationsDir: MIGRATIONS });
  assert.ok(applied.length >= 1);
  assert.deepEqual(await applyMigrations({ provider: "postgresql", url, migrationsDir: MIGRATIONS }), []);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows.map(
      (r) => r.tablename,
    );
    for (const table of ["Bin", "CapturedRequest", "Delivery", "DeliveryAttempt", "_prisma_migrations"]) assert.ok(tables.includes(table), table);
    const finished = await client.query(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`);
    assert.equal(finished.rows[0].n, applied.length);
  } finally {
    await client.end();
  }
});

/**
 * The search index is built from what each engine has (20261203016000_search_index): an FTS5 table in
 * SQLite, trigram GIN indexes in PostgreSQL, and an expression index in one but a partial index in the
 * other for the rows it cannot index. Those are compared by the search tests, not here.
 */
const SEARCH_INDEXES = new Set(["CapturedRequest_binId_unindexed_body_idx", "CapturedRequest_headers_trgm_idx", "CapturedRequest_bodyText_trgm_idx"]);
const SEARCH_TABLE = /^CapturedRequestSearch(_[a-z]+)?$/;

/**
 * How the shape learner finds its work also differs by engine (20261203041700_shape_learner): a partial
 * index of the pending rows in PostgreSQL, a watermark table in SQLite. The learner's tests cover both.
 */
const LEARNER_INDEXES = new Set(["CapturedRequest_shapePending_idx"]);
const LEARNER_TABLES = new Set(["ShapeLearner_watermark"]);

/** Columns (name and whether they may be null) and indexes (their columns) of every model table. */
interface Shape {
  columns: Record<string, string[]>;
  indexes: Record<string, string[]>;
}

async function postgresShape(url: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const indexes = await client.query<{ tablename: string; indexname: string; indexdef: string }>(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    return shape(
      columns.rows.map((row) => [row.table_name, `${row.column_name}${row.is_nullable === "YES" ? "?" : ""}`]),
      indexes.rows
        .filter((row) => !SEARCH_INDEXES.has(row.indexname) && !LEARNER_INDEXES.has(row.indexname))
        // The path index compares bytes whatever the database's collation; SQLite's always does.
        .map((row) => [row.tablename, /\((.*)\)$/.exec(row.indexdef)![1]!.replaceAll(' COLLATE "C"', "").replaceAll('"', "").replaceAll(" ", "")]),
    );
  } finally {
    await client.end();
  }
}

function sqliteShape(file: string): Shape {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite_%'`).all() as {
        name: string;
      }[]
    )
      .map((row) => row.name)
      .filter((name) => !SEARCH_TABLE.test(name) && !LEARNER_TABLES.has(name));
    const columns: [string, string][] = [];
    const indexes: [string, string][] = [];
    for (const table of tables) {
      for (const column of db.prepare(`SELECT name, "notnull", pk FROM pragma_table_info(?)`).all(table) as { name: string; notnull: number; pk: number }[]) {
        columns.push([table, `${column.name}${column.notnull || column.pk ? "" : "?"}`]);
      }
      for (const index of db.prepare(`SELECT name FROM pragma_index_list(?)`).all(table) as { name: string }[]) {
        if (SEARCH_INDEXES.has(index.name)) continue;
        const parts = (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(index.name) as { name: string }[]).map((row) => row.name);
        indexes.push([table, parts.join(",")]);
      }
      const primary = (db.prepare(`SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).all(table) as { name: string }[]).map((row) => row.name);
      // PostgreSQL lists the primary key's index; SQLite keeps a rowid table's key out of its index list.
      if (primary.length && !indexes.some(([name, cols]) => name === table && cols === primary.join(","))) indexes.push([table, primary.join(",")]);
    }
    return shape(columns, indexes);
  } finally {
    db.close();
  }
}

function shape(columns: [string, string][], indexes: [string, string][]): Shape {
  const group = (pairs: [string, string][]) => {
    const out: Record<string, string[]> = {};
    for (const [table, value] of pairs) (out[table] ??= []).push(value);
    for (const list of Object.values(out)) list.sort();
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  };
  return { columns: group(columns), indexes: group(indexes) };
}

test("the PostgreSQL migrations build what the Prisma schema describes, and the same tables as the SQLite migrations", async () => {
  const url = await freshDatabaseUrl("pgdrift");
  await applyMigrations({ provider: "postgresql", url, migrationsDir: MIGRATIONS });
  const file = path.join(tempDir("sqlite-drift"), "drift.db");
  await applyMigrations({ provider: "sqlite", url: `file:${file}`, migrationsDir: path.resolve("prisma/sqlite/migrations") });
  const postgres = await postgresShape(url);
  const sqlite = sqliteShape(file);

  // Every model's fields, from the client generated from prisma/postgres/schema.prisma.
  const generated = (await import("@/generated/postgres/internal/prismaNamespace")) as unknown as Record<string, unknown>;
  const models = Object.values(generated.ModelName as Record<string, string>);
  for (const model of models) {
    const fields = Object.keys(generated[`${model}ScalarFieldEnum`] as Record<string, string>).sort();
    assert.deepEqual(
      postgres.columns[model]?.map((column) => column.replace(/\?$/, "")).sort(),
      fields,
      `${model}: columns of the migrated database against the schema`,
    );
  }
  assert.deepEqual(Object.keys(postgres.columns).sort(), [...models].sort(), "tables the schema does not have");
  assert.deepEqual(postgres, sqlite, "the two databases' migrations build different tables, columns, nullability or indexes");
});
