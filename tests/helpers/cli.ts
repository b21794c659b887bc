import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ROOT_DIR } from "./db";

export interface CliProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const LAUNCHER = path.join(ROOT_DIR, "bin", "hookscope.mjs");

/** The real `hookscope` command (bin/hookscope.mjs → dist/cli.mjs) as a child process; HOOKSCOPE_TOKEN is cleared unless given. */
export function spawnCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [LAUNCHER, ...args], {
    cwd: ROOT_DIR,
    env: { ...process.env, HOOKSCOPE_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}
