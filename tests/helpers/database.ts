import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { tempDir } from "./temp";

/**
 * Which database the contract suites run against: SQLite by default, PostgreSQL when TEST_DB=postgres
 * (scripts/test.mjs runs both). TEST_POSTGRES_URL names a server and a role allowed to create databases.
 */
export const TEST_DB = process.env.TEST_DB === "postgres" ? "postgres" : "sqlite";

export function postgresAdminUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("TEST_DB=postgres needs TEST_POSTGRES_URL, e.g. postgres://hookscope:hookscope@127.0.0.1:5432/hookscope");
  return url;
}

/** A new, empty database for one test file or server: a SQLite file, or a PostgreSQL database. */
export async function freshDatabaseUrl(prefix: string): Promise<string> {
  if (TEST_DB === "sqlite") return `file:${path.join(tempDir(prefix), "test.db")}`;
  const admin = new URL(postgresAdminUrl());
  const name = `hookscope_test_${prefix.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  admin.pathname = `/${name}`;
  return admin.toString();
}

/** Reads one column of one row straight from the database, bypassing the app. */
export async function readColumn(databaseUrl: string, table: string, column: string, id: string): Promise<unknown> {
  if (databaseUrl.startsWith("file:")) {
    const { default: Database } = await import("better-sqlite3");
    const database = new Database(databaseUrl.slice(5), { readonly: true });
    try {
      return (database.prepare(`SELECT "${column}" AS value FROM "${table}" WHERE id = ?`).get(id) as { value: unknown } | undefined)?.value;
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(`SELECT "${column}" AS value FROM "${table}" WHERE id = $1`, [id])).rows[0]?.value;
  } finally {
    await client.end();
  }
}

/** Runs SQL statements straight on the database (the app stopped), e.g. to put rows in an older shape. */
export async function executeSql(databaseUrl: string, sql: string): Promise<void> {
  if (databaseUrl.startsWith("file:")) {
    const { default: Database } = await import("better-sqlite3");
    const database = new Database(databaseUrl.slice(5));
    try {
      database.exec(sql);
    } finally {
      database.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
