import { lookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Hostname → addresses. Injectable so tests can resolve names without DNS traffic. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

function notFound(hostname: string): Error {
  return Object.assign(new Error(`${hostname} does not resolve`), { code: "ENOTFOUND" });
}

/**
 * The system resolver, except for the names RFC 6761 reserves: `.invalid` fails at once (no
 * query that could hang or leak), and `localhost` names are loopback, whatever DNS would say.
 */
export const systemResolver: Resolver = async (hostname) => {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  if (name === "invalid" || name.endsWith(".invalid")) throw notFound(hostname);
  if (name === "localhost" || name.endsWith(".localhost")) {
    return [
      { address: "127.0.0.1", family: 4 },
      { address: "::1", family: 6 },
    ];
  }
  const results = await lookup(name, { all: true, verbatim: true });
  return results.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * A `lookup` for node:net that answers only with addresses already checked, so the socket
 * connects to exactly those. Letting the socket resolve again would let a DNS server answer
 * differently the second time (DNS rebinding).
 */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : (options.family ?? 0);
    const usable = addresses.filter((entry) => family === 0 || entry.family === family);
    const first = usable[0];
    if (!first) callback(notFound(hostname), "", 0);
    else if (options.all)
      callback(
        null,
        usable.map((entry) => ({ ...entry })),
      );
    else callback(null, first.address, first.family);
  };
}
