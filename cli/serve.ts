// `hookscope serve`: starts the built app from wherever this package sits: an npm install (the tarball
// carries the build) or a checkout after `npm run build`. Nothing is built here.
import { existsSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./errors";
import { errorMessage } from "@/lib/shared/errors";

/** Every option `hookscope serve` takes; its --help must name each one. */
export const SERVE_OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  data: { type: "string" },
  config: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export type ServeCommand = { help: true } | { help: false; settings: Record<string, string>; dataDir: string | null };

/** The data folder when neither --data nor HOOKSCOPE_DATA names one: the same for every folder it is started from. */
export const DEFAULT_DATA_DIR = path.join(homedir(), ".hookscope");

/** Reads `hookscope serve`'s arguments into the environment the server reads; throws CliError for anything wrong. */
export function parseServeArgs(argv: string[], env: Record<string, string | undefined>, cwd = process.cwd()): ServeCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: SERVE_OPTIONS, allowPositionals: false, strict: true });
  } catch (error) {
    throw new CliError(errorMessage(error), true);
  }
  const { values } = parsed;
  if (values.help) return { help: true };

  const settings: Record<string, string> = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, not "${values.port}".`, true);
    settings.PORT = String(port);
  }
  if (values.host !== undefined) {
    if (values.host.trim() === "") throw new CliError("--host must name an address, e.g. 127.0.0.1 or 0.0.0.0.", true);
    settings.HOST = values.host;
  }
  if (values.config !== undefined) {
    const file = path.resolve(cwd, values.config);
    if (!existsSync(file)) throw new CliError(`--config: no file at ${file}.`);
    settings.HOOKSCOPE_CONFIG = file;
  }

  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl && values.data !== undefined) {
    throw new CliError("Give either --data (SQLite in that folder) or DATABASE_URL, not both.", true);
  }
  if (databaseUrl) return { help: false, settings, dataDir: null };
  const dataDir = path.resolve(cwd, values.data ?? env.HOOKSCOPE_DATA ?? DEFAULT_DATA_DIR);
  settings.DATABASE_URL = `file:${path.join(dataDir, "hookscope.db")}`;
  return { help: false, settings, dataDir };
}

/** The package's root: one folder above both cli/serve.ts (a checkout) and dist/cli.mjs (the bundle). */
const packageRoot = fileURLToPath(new URL("..", import.meta.url));

/** scripts/link-next-externals.mjs, which also runs as the package's postinstall: one implementation for both. */
async function linkNextExternals(): Promise<void> {
  const linker = (await import(pathToFileURL(path.join(packageRoot, "scripts", "link-next-externals.mjs")).href)) as {
    linkNextExternals(root: string): string[];
  };
  try {
    linker.linkNextExternals(packageRoot);
  } catch (error) {
    throw new CliError(`Cannot prepare the app in ${packageRoot}: ${errorMessage(error)}`);
  }
}

/** Starts the server in this process; resolves only if it fails to start (the server exits by itself on SIGTERM). */
export async function runServe(command: Extract<ServeCommand, { help: false }>, log: (text: string) => void): Promise<never> {
  const serverBundle = path.join(packageRoot, "dist", "server.mjs");
  if (!existsSync(serverBundle) || !existsSync(path.join(packageRoot, ".next", "BUILD_ID"))) {
    throw new CliError(`The app is not built in ${packageRoot}: run npm run build there first (an installed package carries its build).`);
  }
  await linkNextExternals();
  if (command.dataDir) {
    try {
      mkdirSync(command.dataDir, { recursive: true });
    } catch (error) {
      throw new CliError(`Cannot create the data folder ${command.dataDir}: ${errorMessage(error)}. Choose another with --data.`);
    }
    log(`Data: ${command.dataDir} (SQLite)`);
  }
  Object.assign(process.env, command.settings, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  try {
    await import(pathToFileURL(serverBundle).href);
  } catch (error) {
    throw new CliError(`Could not start: ${errorMessage(error)}`);
  }
  // The server now owns the process: it listens until a signal, then exits by itself.
  return new Promise<never>(() => undefined);
}
