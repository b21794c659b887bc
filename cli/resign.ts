import { detectScheme, resignRequest, SCHEME_IDS, type OutgoingRequest, type ResignSummary, type SchemeId } from "@/lib/server/signatures";
import { CliError } from "./errors";

/**
 * Re-signing on the developer's machine: the secret comes from an environment variable (never an
 * argument, which `ps` and shell history show) and the URL signed is the local one the app sees.
 */
export interface ResignConfig {
  envName: string;
  secret: string;
  /** null: the scheme is detected from each request's own signature headers. */
  scheme: SchemeId | null;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseResignOptions(envName: string | undefined, scheme: string | undefined, env: Record<string, string | undefined>): ResignConfig | null {
  if (envName === undefined) {
    if (scheme !== undefined) throw new CliError("--resign-scheme goes with --resign-with-env <VAR>.", true);
    return null;
  }
  if (!ENV_NAME.test(envName)) throw new CliError(`--resign-with-env takes the name of an environment variable, not "${envName}".`, true);
  const secret = env[envName];
  if (!secret) throw new CliError(`--resign-with-env ${envName}: the environment variable ${envName} is not set (or empty).`, true);
  if (scheme !== undefined && !(SCHEME_IDS as readonly string[]).includes(scheme))
    throw new CliError(`--resign-scheme must be one of ${SCHEME_IDS.join(", ")}; not "${scheme}".`, true);
  if (scheme === "generic-hmac")
    throw new CliError(
      "--resign-scheme generic-hmac needs its options (header, template…), which the CLI does not take; re-sign from the inspector's Replay tab.",
      true,
    );
  return { envName, secret, scheme: (scheme as SchemeId | undefined) ?? null };
}

export type LocalResign = { ok: true; request: OutgoingRequest & { headers: [string, string][] }; summary: ResignSummary } | { ok: false; message: string };

export function resignLocally(config: ResignConfig, request: OutgoingRequest, schemeHint: string | null = null): LocalResign {
  const headers = request.headers.map(([name, value]): [string, string] => [name, value]);
  const scheme = config.scheme ?? (schemeHint as SchemeId | null) ?? detectScheme(headers, request.body);
  if (scheme === null) return { ok: false, message: "Not re-signed: no signature scheme was detected in this request; pass --resign-scheme <scheme>." };
  if (scheme === "generic-hmac") return { ok: false, message: "Not re-signed: generic-hmac needs its options, which the CLI does not take." };
  const result = resignRequest(request, { scheme, secret: config.secret });
  return result.ok ? result : { ok: false, message: `Not re-signed: ${result.reason}` };
}
