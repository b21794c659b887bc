import { isIPv4 } from "node:net";
import { embeddedIpv4, parseRange, rangeContains, type IpAddress, type IpRange } from "@/lib/shared/ip";

/**
 * One OUTBOUND_ALLOW_LIST entry. Syntax, each optionally followed by `:port` (which then must
 * match the target's port too):
 *   hooks.internal          exact hostname
 *   *.internal.test         any name under internal.test (not internal.test itself)
 *   10.0.0.5  10.0.0.0/8    IPv4 address or CIDR
 *   [fd00::1]:8080  [fd00::/8]  ::1  fd00::/8
 *                           IPv6 address or CIDR; brackets are needed only to add a port
 */
export type AllowEntry =
  | { type: "host"; host: string; port: number | null }
  | { type: "suffix"; suffix: string; port: number | null }
  | { type: "range"; range: IpRange; port: number | null };

export class AllowListError extends Error {
  constructor(entry: string) {
    super(`OUTBOUND_ALLOW_LIST entry "${entry}" is not a hostname, *.domain, IP address or CIDR range ` + `(optionally followed by :port).`);
    this.name = "AllowListError";
  }
}

export function parseAllowList(entries: readonly string[]): AllowEntry[] {
  return entries
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map(parseAllowEntry);
}

export function parseAllowEntry(text: string): AllowEntry {
  const entry = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return rangeEntry(entry, bracketed[1] ?? "", bracketed[2], 6);
  if ((entry.match(/:/g)?.length ?? 0) > 1) return rangeEntry(entry, entry, undefined, 6);

  const match = /^([^:@\s?#\\]+)(?::(\d+))?$/.exec(entry);
  if (!match) throw new AllowListError(text);
  const target = match[1] ?? "";
  const port = parsePort(text, match[2]);
  if (target.includes("/")) return rangeEntry(entry, target, match[2], 4);

  const wildcard = target.startsWith("*.");
  const host = normalizeHostname(wildcard ? target.slice(2) : target);
  if (host === null || (wildcard && isIPv4(host))) throw new AllowListError(text);
  if (wildcard) return { type: "suffix", suffix: `.${host}`, port };
  // The URL parser reads 127.1 or 2130706433 as an IPv4 address, so the entry must too.
  if (isIPv4(host)) return rangeEntry(entry, host, match[2], 4);
  return { type: "host", host, port };
}

function rangeEntry(entry: string, text: string, portText: string | undefined, version: 4 | 6): AllowEntry {
  const range = parseRange(text);
  if (!range || range.network.version !== version) throw new AllowListError(entry);
  return { type: "range", range, port: parsePort(entry, portText) };
}

function parsePort(entry: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new AllowListError(entry);
  return port;
}

/** Hostnames compare the way the URL parser spells them: lower case, punycode, no trailing dot. */
function normalizeHostname(host: string): string | null {
  try {
    const { hostname } = new URL(`http://${host}/`);
    return hostname.startsWith("[") ? null : hostname.replace(/\.$/, "");
  } catch {
    return null;
  }
}

export interface AllowCandidate {
  /** The target URL's hostname, normalized; an IP literal is fine. */
  hostname: string;
  address: IpAddress;
  port: number;
}

export function allowListPermits(entries: readonly AllowEntry[], candidate: AllowCandidate): boolean {
  const hostname = candidate.hostname.replace(/\.$/, "");
  // An IPv6 wrapper reaches the IPv4 inside it, so an entry for that IPv4 covers the wrapper too.
  const addresses = [candidate.address, embeddedIpv4(candidate.address)].filter((ip) => ip !== null);
  return entries.some((entry) => {
    if (entry.port !== null && entry.port !== candidate.port) return false;
    switch (entry.type) {
      case "host":
        return hostname === entry.host;
      case "suffix":
        return hostname.endsWith(entry.suffix);
      case "range":
        return addresses.some((ip) => rangeContains(entry.range, ip));
    }
  });
}
