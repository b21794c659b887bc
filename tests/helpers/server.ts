import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { ROOT_DIR } from "./db";
import { freshDatabaseUrl } from "./database";

export interface RunningServer {
  url: string;
  port: number;
  /** The server's DATABASE_URL: pass it as `databaseUrl` to start another server on the same data. */
  databaseUrl: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the built production server (dist/server.mjs) on a free port with its own SQLite file. */
export async function startServer(
  extraEnv: Record<string, string> = {},
  options: { databaseUrl?: string; port?: number; /** Run the bundle through this path (a symlink to it), from its folder. */ entry?: string } = {},
): Promise<RunningServer> {
  const bundle = path.join(ROOT_DIR, "dist", "server.mjs");
  if (!existsSync(bundle)) throw new Error("dist/server.mjs is missing: run `npm run build` before the HTTP tests.");
  const port = options.port ?? (await freePort());
  const databaseUrl = options.databaseUrl ?? (await freshDatabaseUrl("server"));
  let output = "";
  const child = spawn(process.execPath, [options.entry ?? bundle], {
    cwd: options.entry ? path.dirname(options.entry) : ROOT_DIR,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const health = await fetch(`${url}/api/health`);
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy in 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port,
    databaseUrl,
    child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
