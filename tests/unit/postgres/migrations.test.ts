import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrations";
import { freshDatabaseUrl } from "../../helpers/database";

const MIGRATIONS = path.resolve("prisma/postgres/migrations");

test("the committed PostgreSQL migrations apply to an empty database, once", async () => {
  const url = await freshDatabaseUrl("pgmigrate");
  const applied = await applyMigrations({ provider: "postgresql", url, migrationsDir: MIGRATIONS });
  assert.ok(applied.length >= 1);
  assert.deepEqual(await applyMigrations({ provider: "postgresql", url, migrationsDir: MIGRATIONS }), []);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows.map((r) => r.tablename);
    for (const table of ["Bin", "CapturedRequest", "Delivery", "DeliveryAttempt", "_prisma_migrations"]) assert.ok(tables.includes(table), table);
    const finished = await client.query(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`);
    assert.equal(finished.rows[0].n, applied.length);
  } finally {
    await client.end();
  }
});
