import { embeddedIpv4, formatIp, mustRange, rangeContains, type IpAddress, type IpRange } from "@/lib/shared/ip";

export type AddressKind =
  "public" | "loopback" | "private" | "shared" | "link_local" | "cloud_metadata" | "unspecified" | "multicast" | "broadcast" | "reserved";

export interface AddressClass {
  kind: AddressKind;
  /** Set when the address is an IPv6 wrapper (mapped, NAT64, 6to4) and the IPv4 inside decided the kind. */
  viaIpv4?: string;
}

/** What each kind is called in messages to the user. */
export const KIND_LABELS: Record<Exclude<AddressKind, "public">, string> = {
  loopback: "a loopback address",
  private: "a private address",
  shared: "a carrier-grade NAT (shared) address",
  link_local: "a link-local address",
  cloud_metadata: "a cloud metadata address",
  unspecified: "the unspecified address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
  reserved: "a reserved address",
};

const table = (rows: [string, AddressKind][]): { range: IpRange; kind: AddressKind }[] => rows.map(([text, kind]) => ({ range: mustRange(text), kind }));

// First match wins, so single addresses come before the ranges holding them.
const IPV4 = table([
  // Instance metadata services hand out cloud credentials: AWS/GCP/Azure/Oracle, AWS ECS and
  // EKS Pod Identity, Alibaba (which sits inside the shared range).
  ["169.254.169.254/32", "cloud_metadata"],
  ["169.254.170.2/32", "cloud_metadata"],
  ["169.254.170.23/32", "cloud_metadata"],
  ["100.100.100.200/32", "cloud_metadata"],
  ["0.0.0.0/32", "unspecified"],
  ["255.255.255.255/32", "broadcast"],
  ["0.0.0.0/8", "reserved"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "shared"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link_local"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "reserved"],
  ["192.0.2.0/24", "reserved"],
  ["192.88.99.0/24", "reserved"],
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "reserved"],
  ["198.51.100.0/24", "reserved"],
  ["203.0.113.0/24", "reserved"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"],
]);

const IPV6 = table([
  ["fd00:ec2::254/128", "cloud_metadata"],
  ["fd00:ec2::23/128", "cloud_metadata"],
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  // Local-use NAT64 prefix: translates to whatever IPv4 network its operator chose.
  ["64:ff9b:1::/48", "private"],
  // Deprecated IPv4-compatible and IPv4-translated forms, among others.
  ["::/8", "reserved"],
  ["100::/64", "reserved"],
  ["2001:db8::/32", "reserved"],
  // IETF protocol assignments, Teredo (which embeds an internal client address) among them.
  ["2001::/23", "reserved"],
  ["3fff::/20", "reserved"],
  ["fc00::/7", "private"],
  ["fec0::/10", "private"],
  ["fe80::/10", "link_local"],
  ["ff00::/8", "multicast"],
]);

const GLOBAL_UNICAST = mustRange("2000::/3");

export function classifyIp(ip: IpAddress): AddressClass {
  if (ip.version === 4) return { kind: IPV4.find(({ range }) => rangeContains(range, ip))?.kind ?? "public" };
  const ipv4 = embeddedIpv4(ip);
  if (ipv4) {
    const inner = classifyIp(ipv4);
    return inner.kind === "public" ? inner : { ...inner, viaIpv4: formatIp(ipv4) };
  }
  const kind = IPV6.find(({ range }) => rangeContains(range, ip))?.kind;
  if (kind) return { kind };
  // Anything outside the global unicast block is unallocated: nothing a webhook should reach.
  return { kind: rangeContains(GLOBAL_UNICAST, ip) ? "public" : "reserved" };
}
