import packageJson from "@/package.json" with { type: "json" };
import { parseForwardArgs } from "./args";
import { CliError } from "./errors";
import { runForward, type Output } from "./forward";
import { FORWARD_HELP, MAIN_HELP } from "./help";

const HELP = { forward: FORWARD_HELP } as Record<string, string | undefined>;

/** Runs one command line; resolves with the exit code. */
export async function main(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case "help":
      case "-h":
      case "--help": {
        const topic = command === "help" ? rest[0] : undefined;
        if (topic !== undefined && HELP[topic] === undefined) throw new CliError(`Unknown command "${topic}".`, true);
        process.stdout.write(topic === undefined ? MAIN_HELP : (HELP[topic] ?? MAIN_HELP));
        return 0;
      }
      case "-v":
      case "--version":
        process.stdout.write(`${packageJson.version}\n`);
        return 0;
      case "forward": {
        const parsed = parseForwardArgs(rest, env);
        if (parsed.help) {
          process.stdout.write(FORWARD_HELP);
          return 0;
        }
        await runForward(parsed.config, consoleOutput);
        return 0;
      }
      default:
        throw new CliError(`Unknown command "${command}".`, true);
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const advice = error.usage ? ` Run "hookscope ${command === "forward" ? "forward " : ""}--help" for usage.` : "";
    process.stderr.write(`hookscope: ${error.message}${advice}\n`);
    return 1;
  }
}

const consoleOutput: Output = {
  line: (text) => process.stdout.write(`${text}\n`),
  notice: (text) => process.stderr.write(`${text}\n`),
};
