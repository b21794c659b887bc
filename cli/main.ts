import packageJson from "@/package.json" with { type: "json" };
import { parseForwardArgs } from "./args";
import { CliError } from "./errors";
import { runForward } from "./forward";
import { parseHealthcheckArgs, runHealthcheck } from "./healthcheck";
import { FORWARD_HELP, HEALTHCHECK_HELP, MAIN_HELP, REPLAY_HELP, SERVE_HELP } from "./help";
import { exampleFor, parseReplayArgs, runReplay } from "./replay";
import { parseServeArgs, runServe } from "./serve";

const HELP = { forward: FORWARD_HELP, replay: REPLAY_HELP, serve: SERVE_HELP, healthcheck: HEALTHCHECK_HELP } as Record<string, string | undefined>;

/** Where a command's text goes: the process's stdout and stderr, or a test's buffers. */
export interface Streams {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PROCESS_STREAMS: Streams = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs one command line; resolves with the exit code. */
export async function main(argv: string[], env: Record<string, string | undefined> = process.env, streams: Streams = PROCESS_STREAMS): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case "help":
      case "-h":
      case "--help": {
        const topic = command === "help" ? rest[0] : undefined;
        if (topic !== undefined && HELP[topic] === undefined) throw new CliError(`Unknown command "${topic}".`, true);
        streams.stdout(topic === undefined ? MAIN_HELP : (HELP[topic] ?? MAIN_HELP));
        return 0;
      }
      case "-v":
      case "--version":
        streams.stdout(`${packageJson.version}\n`);
        return 0;
      case "forward": {
        const parsed = parseForwardArgs(rest, env);
        if (parsed.help) {
          streams.stdout(FORWARD_HELP);
          return 0;
        }
        await runForward(parsed.config, { line: (text) => streams.stdout(`${text}\n`), notice: (text) => streams.stderr(`${text}\n`) });
        return 0;
      }
      case "serve": {
        const parsed = parseServeArgs(rest, env);
        if (parsed.help) {
          streams.stdout(SERVE_HELP);
          return 0;
        }
        return await runServe(parsed, (text) => streams.stdout(`${text}\n`));
      }
      case "healthcheck": {
        const parsed = parseHealthcheckArgs(rest, env);
        if (parsed.help) {
          streams.stdout(HEALTHCHECK_HELP);
          return 0;
        }
        return await runHealthcheck(parsed, (text) => streams.stdout(`${text}\n`));
      }
      case "replay": {
        const parsed = parseReplayArgs(rest, env);
        if (parsed.help) {
          streams.stdout(REPLAY_HELP);
          return 0;
        }
        if (parsed.example !== null) {
          streams.stdout(exampleFor(parsed));
          return 0;
        }
        return await runReplay(parsed.config, { line: (text) => streams.stdout(`${text}\n`) });
      }
      default:
        throw new CliError(`Unknown command "${command}".`, true);
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const advice = error.usage ? ` Run "hookscope ${command !== undefined && HELP[command] ? `${command} ` : ""}--help" for usage.` : "";
    streams.stderr(`hookscope: ${error.message}${advice}\n`);
    return 1;
  }
}
