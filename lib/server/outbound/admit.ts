import { AllowListError } from "./allow-list";
import { errorCode, type OutboundError } from "./errors";
import { parseIp } from "@/lib/shared/ip";
import type { ResolvedAddress, Resolver } from "./resolve";
import { checkTarget, type TargetDecision, type TargetPolicy } from "./target-policy";
import { targetPort } from "./target-url";

export type Admission =
  | {
      ok: true;
      /** What the socket is given: the hostname (for TLS SNI and certificate checks) or the IP literal. */
      hostname: string;
      port: number;
      /** The only addresses the connection may use: resolved once, each one checked. */
      addresses: ResolvedAddress[];
    }
  | { ok: false; error: OutboundError };

/**
 * Resolves the URL's host once and keeps the addresses the policy allows. Pass the result to
 * `pinnedLookup` so the connection goes to exactly these. Refuses when none is allowed, so a
 * name answering with both a public and an internal address reaches only the public one.
 */
export async function admitTarget(url: URL, policy: TargetPolicy, resolve: Resolver): Promise<Admission> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = targetPort(url);
  const literal = parseIp(hostname);
  let candidates: ResolvedAddress[];
  if (literal) {
    candidates = [{ address: hostname, family: literal.version }];
  } else {
    try {
      candidates = await resolve(hostname);
    } catch (error) {
      const code = errorCode(error);
      return dnsFailure(`DNS lookup for ${hostname} failed${code === "" ? "" : ` (${code})`}.`);
    }
    if (candidates.length === 0) return dnsFailure(`DNS lookup for ${hostname} returned no addresses.`);
  }

  const allowed: ResolvedAddress[] = [];
  let refusal: Extract<TargetDecision, { allowed: false }> | undefined;
  for (const candidate of candidates) {
    let decision: TargetDecision;
    try {
      decision = checkTarget(policy, { hostname, address: candidate.address, port });
    } catch (error) {
      if (error instanceof AllowListError) return { ok: false, error: { code: "other", message: error.message } };
      throw error;
    }
    if (decision.allowed) allowed.push(candidate);
    else refusal ??= decision;
  }
  if (allowed.length === 0) {
    const reason = refusal?.reason ?? `${hostname} is not allowed.`;
    return { ok: false, error: { code: "blocked_target", message: `Refused: ${reason}` } };
  }
  return { ok: true, hostname, port, addresses: allowed };
}

function dnsFailure(message: string): Admission {
  return { ok: false, error: { code: "dns_failure", message } };
}
