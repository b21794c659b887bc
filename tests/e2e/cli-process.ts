// The real `hookscope forward` (bin/hookscope.mjs → dist/cli.mjs) as a child process, for the specs
// that drive the inspector against a connected CLI.
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT_DIR } from "../helpers/db";
import { waitUntil } from "../helpers/target";
import { BASE_URL } from "./fixtures";

export interface RunningCli {
  output(): string;
  /** Ctrl+C, as a developer stops it; SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

/** Starts `hookscope forward <owner link> --to <to> --name <name> [options]` and waits until it says it is forwarding. */
export async function startForwardCli(binId: string, ownerToken: string, to: string, name: string, options: string[] = []): Promise<RunningCli> {
  const ownerUrl = `${BASE_URL}/bins/${binId}#owner=${ownerToken}`;
  const child = spawn(process.execPath, [path.join(ROOT_DIR, "bin", "hookscope.mjs"), "forward", ownerUrl, "--to", to, "--name", name, ...options], {
    cwd: ROOT_DIR,
    env: { ...process.env, HOOKSCOPE_TOKEN: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGINT");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntil(() => output.includes("Forwarding") || child.exitCode !== null, 15_000, "hookscope forward to start");
    if (!output.includes("Forwarding")) throw new Error(`hookscope forward exited: ${output}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { output: () => output, stop };
}
