import { isIPv4, isIPv6 } from "node:net";

/** An IP address as bytes (4 or 16), so ranges compare bit by bit whatever the spelling. */
export interface IpAddress {
  version: 4 | 6;
  bytes: Uint8Array;
}

export interface IpRange {
  network: IpAddress;
  prefix: number;
}

/**
 * Parses the numeric forms that resolvers return and the URL parser produces (dotted-quad IPv4,
 * any IPv6 spelling, optionally in brackets or with a zone). Odd IPv4 spellings (2130706433,
 * 0177.0.0.1, 127.1) are deliberately not accepted here: they must have gone through the URL
 * parser or a resolver first, so the address checked is the one a socket would reach.
 */
export function parseIp(text: string): IpAddress | null {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (isIPv4(bare)) return { version: 4, bytes: Uint8Array.from(bare.split(".").map(Number)) };
  if (isIPv6(bare)) return { version: 6, bytes: ipv6Bytes(bare) };
  return null;
}

function ipv6Bytes(text: string): Uint8Array {
  let rest = text.replace(/%.*$/, "");
  const lastColon = rest.lastIndexOf(":");
  const tail = rest.slice(lastColon + 1);
  if (tail.includes(".")) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split(".").map(Number);
    rest = `${rest.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", after] = rest.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = after === undefined || after === "" ? [] : after.split(":");
  const fill = after === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(fill).fill("0"), ...tailGroups];
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    const value = Number.parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  return bytes;
}

export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return Array.from(ip.bytes).join(".");
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((ip.bytes[i] ?? 0) << 8) | (ip.bytes[i + 1] ?? 0)).toString(16));
  return groups.join(":");
}

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

export function rangeContains(range: IpRange, ip: IpAddress): boolean {
  if (range.network.version !== ip.version) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((range.network.bytes[i] ?? 0) & mask) !== ((ip.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

/**
 * The IPv4 address an IPv6 address stands for, where the IPv6 form only carries IPv4 traffic:
 * IPv4-mapped (::ffff:a.b.c.d, which sockets deliver to the IPv4 address itself), NAT64
 * (64:ff9b::/96) and 6to4 (2002::/16), where a gateway relays to the embedded address.
 */
export function embeddedIpv4(ip: IpAddress): IpAddress | null {
  if (ip.version !== 6) return null;
  for (const { range, offset } of EMBEDDING) {
    if (rangeContains(range, ip)) return { version: 4, bytes: ip.bytes.slice(offset, offset + 4) };
  }
  return null;
}

const EMBEDDING = [
  { range: mustRange("::ffff:0:0/96"), offset: 12 },
  { range: mustRange("64:ff9b::/96"), offset: 12 },
  { range: mustRange("2002::/16"), offset: 2 },
];

export function mustRange(text: string): IpRange {
  const range = parseRange(text);
  if (!range) throw new Error(`Not an IP range: ${text}`);
  return range;
}
