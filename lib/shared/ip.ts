import ipaddr from "ipaddr.js";

/** A parsed IP address (ipaddr.js); `version` spares callers the library's `kind()` strings. */
export interface IpAddress {
  version: 4 | 6;
  value: ipaddr.IPv4 | ipaddr.IPv6;
}

export interface IpRange {
  network: IpAddress;
  prefix: number;
}

const wrap = (value: ipaddr.IPv4 | ipaddr.IPv6): IpAddress => ({ version: value.kind() === "ipv4" ? 4 : 6, value });

/**
 * Parses the numeric forms that resolvers return and the URL parser produces (dotted-quad IPv4,
 * any IPv6 spelling, optionally in brackets or with a zone). Odd IPv4 spellings (2130706433,
 * 0177.0.0.1, 127.1), which ipaddr.parse would accept, are refused: they must have gone through the
 * URL parser or a resolver, so the address checked is the one a socket would reach. No node:net, so
 * the browser checks addresses exactly as the server does.
 */
export function parseIp(text: string): IpAddress | null {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (!ipaddr.IPv4.isValidFourPartDecimal(bare) && !(bare.includes(":") && ipaddr.IPv6.isValid(bare))) return null;
  return wrap(ipaddr.parse(bare.replace(/%.*$/, "")));
}

export function formatIp(ip: IpAddress): string {
  return ip.value.toString();
}

/** "10.0.0.0/8", "2001:db8::/32", or one address (a /32 or /128); null when it is neither. */
export function parseRange(text: string): IpRange | null {
  const slash = text.indexOf("/");
  const network = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (!network) return null;
  const maxPrefix = network.version === 4 ? 32 : 128;
  if (slash === -1) return { network, prefix: maxPrefix };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix <= maxPrefix ? { network, prefix } : null;
}

export function mustRange(text: string): IpRange {
  const range = parseRange(text);
  if (!range) throw new Error(`Not an IP range: ${text}`);
  return range;
}

export function rangeContains(range: IpRange, ip: IpAddress): boolean {
  return range.network.version === ip.version && ip.value.match(range.network.value, range.prefix);
}

const EMBEDDING = [
  { range: mustRange("::ffff:0:0/96"), offset: 12 },
  { range: mustRange("64:ff9b::/96"), offset: 12 },
  { range: mustRange("2002::/16"), offset: 2 },
];

/**
 * The IPv4 address an IPv6 address stands for, where the IPv6 form only carries IPv4 traffic:
 * IPv4-mapped (::ffff:a.b.c.d, which sockets deliver to the IPv4 address itself), NAT64
 * (64:ff9b::/96) and 6to4 (2002::/16), where a gateway relays to the embedded address.
 */
export function embeddedIpv4(ip: IpAddress): IpAddress | null {
  if (ip.version !== 6) return null;
  for (const { range, offset } of EMBEDDING) {
    if (rangeContains(range, ip)) return wrap(ipaddr.fromByteArray(ip.value.toByteArray().slice(offset, offset + 4)));
  }
  return null;
}
