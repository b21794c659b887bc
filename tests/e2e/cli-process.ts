// The real `hookscope forward` (bin/hookscope.mjs → dist/cli.mjs) as a child process, for the specs
// that drive the inspector against a connected CLI.
import { spawnCli } from "../helpers/cli";
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
  const cli = spawnCli(["forward", ownerUrl, "--to", to, "--name", name, ...options]);
  const { child } = cli;
  const output = () => cli.stdout() + cli.stderr();
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGINT");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await cli.exited;
    clearTimeout(timer);
  };
  try {
    await waitUntil(() => cli.stdout().includes("Forwarding") || child.exitCode !== null, 15_000, "hookscope forward to start");
    if (!cli.stdout().includes("Forwarding")) throw new Error(`hookscope forward exited: ${output()}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { output, stop };
}
