import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { parseTargetUrl } from "@/lib/server/outbound/target-url";
import { CliError } from "./errors";
import { parseBinLink, type BinLink } from "./link";
import { parseResignOptions, type ResignConfig } from "./resign";
import { parseRoute, type Route } from "./routes";
import { errorMessage } from "@/lib/shared/errors";

export interface ForwardConfig {
  bins: (BinLink & { token: string })[];
  /** Where captures go that no route takes; null: only the routes. */
  to: string | null;
  routes: Route[];
  /** The forwarder's name: its place in each bin is kept under it on the server. */
  name: string;
  concurrency: number;
  replayLast: number;
  timeoutMs: number;
  /** > 0: the original sender gets the local app's answer, awaited this long. */
  respondTimeoutMs: number;
  /** How long a local app that refuses connections (restarting) is waited for before a delivery fails. */
  retryForMs: number;
  quiet: boolean;
  /** Sign each request again before delivering it; null: delivered with the captured signature. */
  resign: ResignConfig | null;
}

/** Every option `hookscope forward` takes; its --help must name each one. */
export const FORWARD_OPTIONS = {
  to: { type: "string" },
  route: { type: "string", multiple: true },
  token: { type: "string" },
  name: { type: "string" },
  concurrency: { type: "string" },
  "replay-last": { type: "string" },
  timeout: { type: "string" },
  respond: { type: "boolean" },
  "respond-timeout": { type: "string" },
  "retry-for": { type: "string" },
  quiet: { type: "boolean" },
  "resign-with-env": { type: "string" },
  "resign-scheme": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export type ForwardCommand = { help: true } | { help: false; config: ForwardConfig };

// More than a few pages is a mistake, not a replay.
const MAX_REPLAY = 1000;
// The server stores a reported duration of at most an hour.
const MAX_TIMEOUT_S = 3600;
// Senders give up long before this (Slack after 3 s, most after 10 to 30 s).
const MAX_RESPOND_TIMEOUT_S = 60;
const MAX_CONCURRENCY = 64;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** Reads `hookscope forward`'s arguments; throws CliError with one sentence for anything wrong. */
export function parseForwardArgs(argv: string[], env: Record<string, string | undefined>): ForwardCommand {
  const { values, positionals } = parseOrExplain(argv);
  if (values.help) return { help: true };
  if (positionals.length === 0) throw new CliError("Missing the bin link: hookscope forward <link> --to <url>.", true);

  const routes = (values.route ?? []).map(parseRoute);
  if (values.to === undefined && routes.length === 0)
    throw new CliError("Missing --to <url> (or --route PATTERN=URL): where should requests be forwarded?", true);
  let to: string | null = null;
  if (values.to !== undefined) {
    const parsed = parseTargetUrl(values.to);
    if (!parsed.ok) throw new CliError(`--to: ${parsed.message}`, true);
    to = parsed.url.href;
  }

  const bins = positionals.map((raw) => {
    const link = parseBinLink(raw);
    const token = values.token || link.token || env.HOOKSCOPE_TOKEN || "";
    if (token === "") {
      throw new CliError(
        `No owner token for bin ${link.binId}: pass its owner link (${link.origin}/bins/${link.binId}#owner=<token>), --token <token> or HOOKSCOPE_TOKEN.`,
        true,
      );
    }
    if (!values.token && link.tokenKind === "share") throw shareTokenError();
    return { ...link, token };
  });
  const seen = new Set<string>();
  for (const bin of bins) {
    const id = `${bin.origin} ${bin.binId}`;
    if (seen.has(id)) throw new CliError(`Bin ${bin.binId} is named twice.`, true);
    seen.add(id);
  }

  const name = values.name ?? defaultName(to, routes);
  if (!NAME.test(name))
    throw new CliError(`--name must be 1 to 100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit; not "${name}".`, true);
  const respond = values.respond ?? false;
  if (!respond && values["respond-timeout"] !== undefined) throw new CliError("--respond-timeout goes with --respond.", true);

  return {
    help: false,
    config: {
      bins,
      to,
      routes,
      name,
      concurrency: integerOption("--concurrency", values.concurrency ?? "1", 1, MAX_CONCURRENCY),
      replayLast: integerOption("--replay-last", values["replay-last"] ?? "0", 0, MAX_REPLAY),
      timeoutMs: seconds("--timeout", values.timeout ?? "30", MAX_TIMEOUT_S),
      respondTimeoutMs: respond ? seconds("--respond-timeout", values["respond-timeout"] ?? "10", MAX_RESPOND_TIMEOUT_S) : 0,
      retryForMs: values["retry-for"] === "0" ? 0 : seconds("--retry-for", values["retry-for"] ?? "30", MAX_TIMEOUT_S),
      quiet: values.quiet ?? false,
      resign: parseResignOptions(values["resign-with-env"], values["resign-scheme"], env),
    },
  };
}

/**
 * The same command line on the same machine gets the same name, so a restart resumes where it
 * stopped; another machine or other targets get their own place.
 */
export function defaultName(to: string | null, routes: readonly Route[]): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9._-]/g, "-")
      .replace(/^[^A-Za-z0-9]+/, "")
      .slice(0, 60) || "cli";
  const targets = [to ?? "", ...routes.map((route) => `${route.pattern}${route.prefix ? "/*" : ""}=${route.target}`)].join("\n");
  return `${host}-${createHash("sha256").update(targets).digest("hex").slice(0, 8)}`;
}

export function shareTokenError(): CliError {
  return new CliError(
    "That token can only read (a share token, or a read API key): forwarding reports results back, so it needs the owner link (…/bins/<binId>#owner=<token>), the owner token or a write API key.",
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
    const text = errorMessage(error);
    const message = text
      .split("\n")
      .filter((line) => !line.startsWith("To specify"))
      .join(" ")
      .trim();
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

/** A number of seconds, as milliseconds. */
function seconds(name: string, raw: string, max: number): number {
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value <= 0 || value > max)
    throw new CliError(`${name} must be a number of seconds above 0 and at most ${max}, not "${raw}".`, true);
  return Math.max(1, Math.round(value * 1000));
}
