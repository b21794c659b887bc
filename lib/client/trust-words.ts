// Pure helpers behind the trust badges, the Verify tab and the Senders settings: loopback addresses,
// allow-list lines checked the way the server will check them, and the two verdict dimensions in words.
import type { FreshnessResult, SignatureResult, VerdictDetails } from "@/lib/shared/signature-types";

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

/** IPv6 as the URL parser reads a bracketed host (full, compressed, or with an IPv4 tail); no zone ids. */
function isIPv6(text: string): boolean {
  if (!text.includes(":") || !/^[0-9A-Fa-f:.]+$/.test(text)) return false;
  try {
    return new URL(`http://[${text}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

/** 127.0.0.0/8 and ::1 (also written as an IPv4-mapped IPv6 address): requests from the server's own machine. */
export function isLoopback(address: string): boolean {
  const plain = address.toLowerCase().replace(/^::ffff:/, "");
  if (isIPv4(plain)) return plain.startsWith("127.");
  return isIPv6(plain) && new URL(`http://[${plain}]/`).hostname === "[::1]";
}

/** The server refuses longer entries (SourcesSchema in lib/shared/settings/sources.ts). */
const MAX_RANGE_CHARS = 64;
export const MAX_RANGES = 200;

/** Why one allow-list entry is not an address or CIDR range; null when it is one. */
export function rangeProblem(text: string): string | null {
  if (text.length > MAX_RANGE_CHARS) return `"${text.slice(0, 24)}…" is longer than ${MAX_RANGE_CHARS} characters`;
  const [address = "", prefix, extra] = text.split("/");
  const bad = `"${text}" is not an IP address or CIDR range`;
  if (extra !== undefined) return bad;
  const max = isIPv4(address) ? 32 : isIPv6(address) ? 128 : 0;
  if (max === 0) return bad;
  if (prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max)) return `"${text}": the prefix after / must be 0 to ${max}`;
  return null;
}

/** The textarea's lines as the list the server takes (blank lines and repeats dropped), and what is wrong with it. */
export function parseAllowList(text: string): { ranges: string[]; problems: string[] } {
  const ranges = [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
  const problems = ranges.map(rangeProblem).filter((problem): problem is string => problem !== null);
  if (ranges.length > MAX_RANGES) problems.push(`At most ${MAX_RANGES} addresses and ranges (there are ${ranges.length}).`);
  return { ranges, problems };
}

/** "3 s", "3,300 s", "0.4 s": whole seconds once they are large, with thousands separators. */
export function formatSeconds(value: number): string {
  const rounded = Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded.toLocaleString("en")} s`;
}

/** "3,600 s old (about 60 minutes)", "5 s in the future": the exact figure, and its size in words once it is large. */
export function ageWords(seconds: number): string {
  const abs = Math.abs(seconds);
  const exact = `${formatSeconds(abs)} ${seconds < 0 ? "in the future" : "old"}`;
  const [value, unit] =
    abs >= 2 * 365 * 86_400
      ? [abs / (365 * 86_400), "years"]
      : abs >= 2 * 86_400
        ? [abs / 86_400, "days"]
        : abs >= 2 * 3600
          ? [abs / 3600, "hours"]
          : abs >= 120
            ? [abs / 60, "minutes"]
            : [0, ""];
  return unit ? `${exact} (about ${Math.round(value)} ${unit})` : exact;
}

/** The signature apart from time, in words. */
export function signatureWords(signature: SignatureResult | "pending"): string {
  switch (signature) {
    case "matches":
      return "matches this bin's secret";
    case "mismatch":
      return "does not match: forged, altered on the way, or signed with another secret";
    case "no_secret":
      return "not checked: this bin has no secret for the scheme";
    case "not_signed":
      return "not signed";
    case "unsupported":
      return "could not be checked (unreadable header, unusable key or configuration)";
    case "pending":
      return "being checked";
  }
}

/** The signed timestamp apart from the signature: "fresh: 3 s old, within 300 s", "stale: 3,300 s beyond the 300 s window". */
export function timestampWords(freshness: FreshnessResult | "pending", details: VerdictDetails = {}): string {
  const { timestampAgeSeconds: age, toleranceSeconds: window, staleBySeconds } = details;
  switch (freshness) {
    case "fresh":
      return `fresh${age !== undefined ? `: ${ageWords(age)}` : ""}${window !== undefined ? `, within ${formatSeconds(window)}` : ""}`;
    case "stale": {
      const beyond =
        staleBySeconds !== undefined
          ? `${formatSeconds(staleBySeconds)} beyond the ${window !== undefined ? `${formatSeconds(window)} ` : ""}window`
          : "outside the window";
      return `stale: ${beyond}${age !== undefined ? `; ${ageWords(age)}` : ""}`;
    }
    case "no_timestamp":
      return "no timestamp signed";
    case "window_off":
      return `window off${age !== undefined ? `: ${ageWords(age)}, not checked` : ""}`;
    case "not_checked":
      return "not checked (no signature was checked)";
    case "pending":
      return "being checked";
  }
}
