import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { errorMessage } from "@/lib/shared/errors";

// Children and temp dirs are tracked here so that every way out (normal end, thrown error,
// Ctrl-C) kills the servers and removes their databases.
const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
// Cleanups that need I/O (dropping a PostgreSQL database): run on a normal end, a thrown error and
// a signal, after the servers are killed; an 'exit' handler cannot wait for them.
const asyncCleanups = new Set<() => Promise<void>>();
let cleanupInstalled = false;

/** Registers an asynchronous cleanup; returns a function that runs it now (once) and unregisters it. */
export function addAsyncCleanup(cleanup: () => Promise<void>): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    asyncCleanups.delete(once);
    await cleanup();
  };
  asyncCleanups.add(once);
  return once;
}

/** Kills the servers, then runs every pending asynchronous cleanup (bounded in time). */
export async function runAsyncCleanups(timeoutMs = 15_000): Promise<void> {
  killChildren();
  const pending = [...asyncCleanups].map((cleanup) => cleanup().catch((error: unknown) => console.error(`cleanup failed: ${errorMessage(error)}`)));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(pending), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}

function killChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}

function cleanupNow(): void {
  killChildren();
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  // 'exit' handlers may only run synchronous code: SIGKILL and rmSync are.
  process.on("exit", cleanupNow);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the servers and removing temp files and databases`);
      void runAsyncCleanups(5000).finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
  }
}

export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `hookscope-bench-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

export interface ServerProcess {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  /** The tail of the child's stdout and stderr, for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  stop(graceMs?: number): Promise<void>;
}

const OUTPUT_TAIL_CHARS = 16_000;

export interface StartOptions {
  name: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  port: number;
  /** Path answering 200 once the server is ready. */
  healthPath: string;
  readyTimeoutMs: number;
}

export async function startServer(options: StartOptions): Promise<ServerProcess> {
  let output = "";
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => children.delete(child));

  const url = `http://127.0.0.1:${options.port}`;
  const server: ServerProcess = {
    name: options.name,
    url,
    port: options.port,
    child,
    output: () => output,
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + options.readyTimeoutMs;
  while (true) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.name} exited before it was ready (code ${child.exitCode}, signal ${child.signalCode}):\n${output}`);
    }
    try {
      const response = await fetch(`${url}${options.healthPath}`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop(1000);
      throw new Error(`${options.name} was not ready within ${options.readyTimeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ProcessMemory {
  /** Resident set size now, in KiB (VmRSS). */
  rssKb: number;
  /** Peak resident set size since the process started, in KiB (VmHWM). */
  peakRssKb: number;
}

/** Resident memory of a process from /proc/<pid>/status; null where there is no /proc (not Linux). */
export function readProcessMemory(pid: number | undefined): ProcessMemory | null {
  if (pid === undefined) return null;
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null;
  }
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m").exec(status);
    return match ? Number(match[1]) : Number.NaN;
  };
  return { rssKb: field("VmRSS"), peakRssKb: field("VmHWM") };
}

export interface ChildHandle {
  name: string;
  child: ChildProcess;
  /** The tail of the child's stdout and stderr, for error messages. */
  output(): string;
  /** Resolves with the first stdout line containing `text`; rejects when the child exits first or after `timeoutMs`. */
  waitForLine(text: string, timeoutMs: number): Promise<string>;
  /** True until the child has exited. */
  running(): boolean;
  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/**
 * A child that is not an HTTP server (a client, a CLI): tracked and killed like the servers,
 * with its stdout readable line by line.
 */
export function spawnChild(options: SpawnOptions): ChildHandle {
  let output = "";
  let partial = "";
  const lineWaiters = new Set<{ text: string; resolve: (line: string) => void }>();
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    append(chunk);
    const lines = (partial + chunk.toString()).split("\n");
    partial = (lines.pop() ?? "").slice(-OUTPUT_TAIL_CHARS);
    if (lineWaiters.size === 0) return;
    for (const line of lines) {
      for (const waiter of lineWaiters) {
        if (line.includes(waiter.text)) {
          lineWaiters.delete(waiter);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr?.on("data", append);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => children.delete(child));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    name: options.name,
    child,
    output: () => output,
    running,
    waitForLine: (text, timeoutMs) =>
      new Promise<string>((resolve, reject) => {
        const waiter = {
          text,
          resolve: (line: string) => {
            clearTimeout(timer);
            child.off("exit", onExit);
            resolve(line);
          },
        };
        const fail = (message: string) => {
          lineWaiters.delete(waiter);
          clearTimeout(timer);
          child.off("exit", onExit);
          reject(new Error(`${options.name}: ${message}; its output ends:\n${output.slice(-2000)}`));
        };
        const onExit = () => fail(`exited (code ${child.exitCode}, signal ${child.signalCode}) before printing "${text}"`);
        const timer = setTimeout(() => fail(`printed no line with "${text}" within ${timeoutMs / 1000} s`), timeoutMs);
        if (!running()) return onExit();
        lineWaiters.add(waiter);
        child.once("exit", onExit);
      }),
    stop: async (graceMs = 10_000) => {
      if (!running()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The repository's root: the benches run its built server and scripts. */
export const ROOT_DIR = fileURLToPath(new URL("..", import.meta.url));

/** What startHookscopeServer sets to lift the rate limits and the retention. */
export const LIFTED_LIMITS_ENV = { RATE_LIMIT_PER_BIN: "0", RATE_LIMIT_PER_ADDRESS: "0", BIN_MAX_REQUESTS: "1000000" };

/**
 * The built Hookscope server (dist/server.mjs, `npm run build`) in production mode on a free loopback
 * port, ready once /api/health answers. One client on loopback hammering one bin is exactly what the
 * limiters exist to stop, and the default retention (1000 per bin) would prune rows a bench counts, so
 * both are lifted; `env` adds to or overrides that.
 */
export async function startHookscopeServer(options: {
  name: string;
  databaseUrl: string;
  distDir?: string;
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const port = await freePort();
  return startServer({
    name: options.name,
    args: [path.join(ROOT_DIR, "dist", "server.mjs")],
    cwd: ROOT_DIR,
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: options.databaseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      ...LIFTED_LIMITS_ENV,
      ...(options.distDir ? { NEXT_DIST_DIR: options.distDir } : {}),
      ...options.env,
    },
    port,
    healthPath: "/api/health",
    readyTimeoutMs: 90_000,
  });
}
