import { classifyIp, KIND_LABELS, type AddressKind } from "./address-kind";
import { allowListPermits, parseAllowList } from "./allow-list";
import { parseIp } from "@/lib/shared/ip";

export interface TargetPolicy {
  /** Opens loopback, private, shared (CGNAT) and link-local addresses, but not cloud metadata. */
  allowPrivate: boolean;
  /** Hostnames, *.domains, IPs or CIDRs, each optionally with :port; see allow-list.ts. */
  allowList: string[];
  /**
   * Set when the instance policy keeps this sender from what the operator opened (allowPrivate and
   * allowList are then closed): the refusal says so instead of pointing at settings that are already on.
   */
  closedByInstancePolicy?: string;
}

export type TargetDecision = { allowed: true } | { allowed: false; kind: AddressKind; reason: string };

export interface TargetAddress {
  /** The target URL's hostname (an IP literal for literal targets). */
  hostname: string;
  /** The numeric address the socket will connect to. */
  address: string;
  port: number;
}

// Where a self-hoster plausibly runs the receiver (their laptop, LAN, VPN). The other internal
// kinds, metadata above all, stay closed unless an allow-list entry names them.
const OPENED_BY_ALLOW_PRIVATE = new Set<AddressKind>(["loopback", "private", "shared", "link_local"]);

// The same spellings lib/server/env.ts accepts for its flags.
const FLAG_VALUES: Record<string, boolean> = {
  "": false,
  "0": false,
  false: false,
  no: false,
  "1": true,
  true: true,
  yes: true,
};

export function policyFromEnv(env: Record<string, string | undefined> = process.env): TargetPolicy {
  const flag = (env.ALLOW_PRIVATE_TARGETS ?? "").trim().toLowerCase();
  const allowPrivate = FLAG_VALUES[flag];
  if (allowPrivate === undefined) {
    throw new Error(`ALLOW_PRIVATE_TARGETS must be 1, true, yes, 0, false or no, not "${env.ALLOW_PRIVATE_TARGETS}".`);
  }
  const allowList = (env.OUTBOUND_ALLOW_LIST ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  // Parsed now so a typo stops the server at start-up rather than failing the first replay.
  parseAllowList(allowList);
  return { allowPrivate, allowList };
}

/**
 * Whether a connection to `address` may be made. Throws AllowListError for a malformed allow
 * list. `reason` is a sentence for the user, without a "Refused:" prefix.
 */
export function checkTarget(policy: TargetPolicy, target: TargetAddress): TargetDecision {
  const hostname = target.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const ip = parseIp(target.address);
  if (!ip) return { allowed: false, kind: "reserved", reason: `${target.address} is not an IP address.` };
  const { kind, viaIpv4 } = classifyIp(ip);
  if (kind === "public") return { allowed: true };
  if (policy.allowPrivate && OPENED_BY_ALLOW_PRIVATE.has(kind)) return { allowed: true };
  const candidate = { hostname, address: ip, port: target.port };
  if (allowListPermits(parseAllowList(policy.allowList), candidate)) return { allowed: true };

  const literal = parseIp(hostname) !== null;
  const label = KIND_LABELS[kind] + (viaIpv4 ? ` (it carries IPv4 ${viaIpv4})` : "");
  const subject = literal ? `${target.address} is ${label}` : `${hostname} resolves to ${target.address}, ${label}`;
  // The CLI first: it reaches a developer's own machine without opening this server to its network.
  const remedy = policy.closedByInstancePolicy
    ? policy.closedByInstancePolicy
    : OPENED_BY_ALLOW_PRIVATE.has(kind)
      ? "To reach your own machine, send it through hookscope forward running there; or, on a server only you use, set ALLOW_PRIVATE_TARGETS=1 or add it to OUTBOUND_ALLOW_LIST."
      : "Add it to OUTBOUND_ALLOW_LIST to allow it.";
  return { allowed: false, kind, reason: `${subject}. ${remedy}` };
}
