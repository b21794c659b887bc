import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresPrismaClient } from "@/generated/postgres/client";
import { PrismaClient } from "@/generated/sqlite/client";
import { env } from "@/lib/server/env";
import { closePostgresPool, postgresPool } from "@/lib/server/db/postgres-pool";

export type Db = PrismaClient;
export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(url: string): DatabaseProvider {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

const GLOBAL_KEY = Symbol.for("hookscope.db");
type Holder = { [GLOBAL_KEY]?: { url: string; client: PrismaClient } };

/** SQLite path from a `file:` URL, as the adapter reads it. */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}

function createClient(url: string): PrismaClient {
  if (databaseProvider(url) === "postgresql") {
    // Generated from a schema with the same models: the two clients answer the same calls. The SQLite
    // client's type stands for both so the data layer is written once.
    return new PostgresPrismaClient({ adapter: new PrismaPg(postgresPool(url)) }) as unknown as PrismaClient;
  }
  // unixepoch-ms keeps timestamps as integers: compact, and sortable without parsing.
  const adapter = new PrismaBetterSqlite3({ url }, { timestampFormat: "unixepoch-ms" });
  return new PrismaClient({ adapter });
}

/**
 * The process-wide Prisma client. Kept on globalThis because the custom server and Next's route
 * bundles are separate module graphs in one process: a module-level singleton would open the
 * database twice.
 */
export function db(): PrismaClient {
  const holder = globalThis as Holder;
  const url = env().DATABASE_URL;
  const current = holder[GLOBAL_KEY];
  if (current && current.url === url) return current.client;
  const client = createClient(url);
  holder[GLOBAL_KEY] = { url, client };
  return client;
}

/**
 * Every SQLite connection's settings (Prisma's and the hot store's). WAL lets readers run beside the
 * capture writer; synchronous=NORMAL in WAL mode keeps every commit across a process crash (only an
 * OS crash or power loss can drop the last commits), which is the durability a 2xx promises; the
 * busy timeout lets the two connections wait for each other instead of failing.
 */
export const SQLITE_PRAGMAS = ["journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON", "busy_timeout = 5000"] as const;

export async function configureConnection(client: PrismaClient = db()): Promise<void> {
  if (databaseProvider(env().DATABASE_URL) !== "sqlite") return;
  // journal_mode answers with a row, so it cannot go through $executeRaw.
  for (const pragma of SQLITE_PRAGMAS) await client.$queryRawUnsafe(`PRAGMA ${pragma}`);
}

export async function closeDb(): Promise<void> {
  const holder = globalThis as Holder;
  const current = holder[GLOBAL_KEY];
  holder[GLOBAL_KEY] = undefined;
  await current?.client.$disconnect();
  await closePostgresPool();
}
