import { parseArgs, type ParseArgsConfig } from "node:util";
import { parseTargetUrl } from "@/lib/outbound/target-url";
import { CliError } from "./errors";
import { parseBinLink } from "./link";

export interface ForwardConfig {
  origin: string;
  binId: string;
  token: string;
  to: string;
  replayLast: number;
  timeoutMs: number;
  quiet: boolean;
}

/** Every option `hookscope forward` takes; its --help must name each one. */
export const FORWARD_OPTIONS = {
  to: { type: "string" },
  token: { type: "string" },
  "replay-last": { type: "string" },
  timeout: { type: "string" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export type ForwardCommand = { help: true } | { help: false; config: ForwardConfig };

// One page of the request list holds at most 200; more than a few pages is a mistake, not a replay.
const MAX_REPLAY = 1000;
// The server stores a reported duration of at most an hour.
const MAX_TIMEOUT_S = 3600;

/** Reads `hookscope forward`'s arguments; throws CliError with one sentence for anything wrong. */
export function parseForwardArgs(argv: string[], env: Record<string, string | undefined>): ForwardCommand {
  const { values, positionals } = parseOrExplain(argv);
  if (values.help) return { help: true };
  if (positionals.length === 0) throw new CliError("Missing the bin link: hookscope forward <link> --to <url>.", true);
  if (positionals.length > 1) throw new CliError(`Expected one bin link, got ${positionals.length}: ${positionals.join(" ")}.`, true);
  const link = parseBinLink(positionals[0] ?? "");

  if (values.to === undefined) throw new CliError("Missing --to <url>: where should requests be forwarded?", true);
  const to = parseTargetUrl(values.to);
  if (!to.ok) throw new CliError(`--to: ${to.message}`, true);

  const token = values.token || link.token || env.HOOKSCOPE_TOKEN || "";
  if (token === "") {
    throw new CliError(
      `No owner token: pass the owner link (${link.origin}/bins/${link.binId}#owner=<token>), --token <token> or HOOKSCOPE_TOKEN.`,
      true,
    );
  }
  if (!values.token && link.tokenKind === "share") throw shareTokenError();

  return {
    help: false,
    config: {
      origin: link.origin,
      binId: link.binId,
      token,
      to: to.url.href,
      replayLast: integerOption("--replay-last", values["replay-last"] ?? "0", 0, MAX_REPLAY),
      timeoutMs: Math.max(1, Math.round(numberOption("--timeout", values.timeout ?? "30", MAX_TIMEOUT_S) * 1000)),
      quiet: values.quiet ?? false,
    },
  };
}

export function shareTokenError(): CliError {
  return new CliError(
    "That is the bin's share token, which can only read: forwarding reports results back, so it needs the owner link (…/bins/<binId>#owner=<token>) or the owner token.",
  );
}

function parseOrExplain(argv: string[]) {
  try {
    return parseArgs({
      args: attachValues(argv),
      allowPositionals: true,
      strict: true,
      options: FORWARD_OPTIONS,
    });
  } catch (error) {
    // parseArgs' messages are clear but span lines, and their advice about "-XYZ" values rarely applies.
    const text = error instanceof Error ? error.message : String(error);
    const message = text.split("\n").filter((line) => !line.startsWith("To specify")).join(" ").trim();
    throw new CliError(/[.?!]$/.test(message) ? message : `${message}.`, true);
  }
}

/**
 * `--token -abc` → `--token=-abc`: tokens are base64url and may start with a dash, which parseArgs
 * would otherwise refuse as ambiguous.
 */
function attachValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") return out.concat(argv.slice(i));
    const option = FORWARD_OPTIONS[arg.slice(2) as keyof typeof FORWARD_OPTIONS] as { type: string } | undefined;
    const value = argv[i + 1];
    if (arg.startsWith("--") && option?.type === "string" && value !== undefined) {
      out.push(`${arg}=${value}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function integerOption(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new CliError(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`, true);
  return value;
}

function numberOption(name: string, raw: string, max: number): number {
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value <= 0 || value > max) throw new CliError(`${name} must be a number of seconds above 0 and at most ${max}, not "${raw}".`, true);
  return value;
}
