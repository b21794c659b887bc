// `hookscope healthcheck`: exit 0 when the server at the URL answers its health check, 1 otherwise.
// Container images run it as their HEALTHCHECK, so they need no curl.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./errors";
import { errorMessage } from "@/lib/shared/errors";

export const HEALTHCHECK_OPTIONS = {
  url: { type: "string" },
  timeout: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export type HealthcheckCommand = { help: true } | { help: false; url: URL; timeoutMs: number };

export function parseHealthcheckArgs(argv: string[], env: Record<string, string | undefined>): HealthcheckCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: HEALTHCHECK_OPTIONS, allowPositionals: false, strict: true });
  } catch (error) {
    throw new CliError(errorMessage(error), true);
  }
  const { values } = parsed;
  if (values.help) return { help: true };
  const base = values.url ?? `http://127.0.0.1:${env.PORT?.trim() || "3000"}`;
  let url: URL;
  try {
    url = new URL("/api/health", base);
  } catch {
    throw new CliError(`--url must be the server's origin, e.g. http://127.0.0.1:3000, not "${base}".`, true);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CliError(`--url must be http or https, not "${base}".`, true);
  const seconds = values.timeout === undefined ? 5 : Number(values.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 60) throw new CliError(`--timeout must be seconds from 0 to 60, not "${values.timeout}".`, true);
  return { help: false, url, timeoutMs: seconds * 1000 };
}

/** Asks the health check once; resolves with the exit code and prints one line either way. */
export async function runHealthcheck(command: Extract<HealthcheckCommand, { help: false }>, out: (text: string) => void): Promise<number> {
  try {
    const response = await fetch(command.url, { signal: AbortSignal.timeout(command.timeoutMs) });
    const body = await response.text();
    if (response.status === 200) {
      out(`healthy: ${command.url.href} answered 200`);
      return 0;
    }
    out(`unhealthy: ${command.url.href} answered ${response.status} ${body.slice(0, 200)}`);
  } catch (error) {
    out(`unhealthy: ${command.url.href} did not answer (${errorMessage(error)})`);
  }
  return 1;
}
