import { existsSync, mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

export type {
  ApplyMigrationsOutput,
  CreateMigrationOutput,
  DiagnoseMigrationHistoryOutput,
  DiffTarget,
  MigrationList,
  SchemaFilter,
} from "@prisma/schema-engine-wasm";

export type DatabaseProvider = "sqlite" | "postgresql";

export interface DatabaseTarget {
  provider: DatabaseProvider;
  url: string;
}

/** The engine calls we rely on; the package is internal to Prisma, so keep the surface small. */
export type MigrationEngine = Pick<SchemaEngine, "applyMigrations" | "createMigration" | "diagnoseMigrationHistory" | "diff">;

type EngineBindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

const PACKAGE_DIR = path.join("node_modules", "@prisma", "schema-engine-wasm");
const WASM_FILE = "schema_engine_bg.wasm";

// The same code runs from lib/server/db under tsx and bundled into dist/server.mjs, so look both
// from the working directory and from this file upwards. The package's exports map hides
// package.json, hence probing for the wasm file itself.
function findPackageDir(): string {
  const starts = [process.cwd(), path.dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, PACKAGE_DIR);
      if (existsSync(path.join(candidate, WASM_FILE))) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`Cannot find ${PACKAGE_DIR}/${WASM_FILE} from ${starts.join(" or ")}: run npm install.`);
}

let bindings: Promise<EngineBindings> | undefined;

// The package's entry imports the .wasm as an ES module, which Node 20 cannot load;
// wire wasm-bindgen's glue to the instance by hand instead (once per process).
function loadBindings(): Promise<EngineBindings> {
  bindings ??= (async () => {
    const dir = findPackageDir();
    const glue = (await import(pathToFileURL(path.join(dir, "schema_engine_bg.js")).href)) as EngineBindings;
    const bytes = await readFile(path.join(dir, WASM_FILE));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  bindings.catch(() => {
    bindings = undefined;
  });
  return bindings;
}

/** Absolute database file of a SQLite URL (`file:./x.db`, `file:/abs/x.db`, or a bare path). */
export function sqliteFilePath(url: string): string {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (file === "" || file === ":memory:") throw new Error(`Not a SQLite file URL: ${url}`);
  return path.resolve(file);
}

const IN_MEMORY = /^(file:)?:memory:$/;

// The one place that knows which driver serves which provider. PostgreSQL will be
// `new PrismaPg({ connectionString: url })` from @prisma/adapter-pg (its shadow database
// then comes from its `shadowDatabaseUrl` option).
function createAdapterFactory({ provider, url }: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  switch (provider) {
    case "sqlite": {
      if (IN_MEMORY.test(url)) return splitMultiStatementRaw(new PrismaBetterSqlite3({ url: ":memory:" }));
      const file = sqliteFilePath(url);
      // better-sqlite3 creates the file but not its folder.
      mkdirSync(path.dirname(file), { recursive: true });
      // The shadow database (used to replay migrations when diffing) stays the adapter's
      // default, an in-memory database, so nothing is left on disk.
      return splitMultiStatementRaw(new PrismaBetterSqlite3({ url: `file:${file}` }));
    }
    case "postgresql":
      return new PrismaPg({ connectionString: url });
  }
}

// The engine replays whole migration scripts on the shadow database through `executeRaw`,
// which better-sqlite3 prepares as one statement and rejects ("more than one statement").
// Route exactly those calls to `executeScript`, which runs a script.
function splitMultiStatementRaw(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const patch = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (error) {
        const multi = error instanceof Error && /more than one statement/.test(error.message);
        if (!multi || query.args.length > 0) throw error;
        await adapter.executeScript(query.sql);
        return 0;
      }
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => patch(await factory.connectToShadowDb()),
  };
}

// The engine opens connections through the factory but never closes them when freed;
// remember them so the database file is released when we are done.
function trackConnections(factory: SqlMigrationAwareDriverAdapterFactory) {
  const open: SqlDriverAdapter[] = [];
  const track = async (connect: () => Promise<SqlDriverAdapter>) => {
    const adapter = await connect();
    open.push(adapter);
    return adapter;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(() => factory.connect()),
    connectToShadowDb: () => track(() => factory.connectToShadowDb()),
  };
  const closeAll = () => Promise.allSettled(open.splice(0).map((adapter) => adapter.dispose()));
  return { tracked, closeAll };
}

export interface EngineOptions {
  /** Receives the engine's own log lines (JSON); silent by default. */
  log?: (line: string) => void;
}

/** Runs `use` with a fresh engine connected to `target`, then frees it and its connections. */
export async function withSchemaEngine<T>(target: DatabaseTarget, use: (engine: MigrationEngine) => Promise<T>, options: EngineOptions = {}): Promise<T> {
  const glue = await loadBindings();
  const { tracked, closeAll } = trackConnections(createAdapterFactory(target));
  const log = options.log ?? (() => {});
  let engine: SchemaEngine | undefined;
  try {
    engine = await glue.SchemaEngine.new({ datamodels: undefined }, log, bindMigrationAwareSqlAdapterFactory(tracked));
    return await use(engine);
  } finally {
    engine?.free();
    await closeAll();
  }
}
