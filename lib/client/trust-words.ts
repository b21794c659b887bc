// Pure helpers behind the trust badges, the Verify tab and the Senders settings: loopback addresses,
// allow-list lines checked the way the server will check them, and the two verdict dimensions in words.
import { formatIp, mustRange, parseIp, parseRange, rangeContains } from "@/lib/shared/ip";
import { formatSeconds } from "@/lib/shared/seconds";
import type { FreshnessResult, SignatureResult, VerdictDetails } from "@/lib/shared/signature-types";

const LOOPBACK_V4 = mustRange("127.0.0.0/8");

/** 127.0.0.0/8 and ::1 (also written as an IPv4-mapped IPv6 address): requests from the server's own machine. */
export function isLoopback(address: string): boolean {
  const ip = parseIp(address.toLowerCase().replace(/^::ffff:/, ""));
  if (!ip) return false;
  return ip.version === 4 ? rangeContains(LOOPBACK_V4, ip) : formatIp(ip) === "::1";
}

/** The server refuses longer entries (SourcesSchema in lib/shared/settings/sources.ts). */
const MAX_RANGE_CHARS = 64;
export const MAX_RANGES = 200;

/** Why one allow-list entry is not an address or CIDR range; null when it is one. */
export function rangeProblem(text: string): string | null {
  if (text.length > MAX_RANGE_CHARS) return `"${text.slice(0, 24)}…" is longer than ${MAX_RANGE_CHARS} characters`;
  const [address = "", prefix, extra] = text.split("/");
  const bad = `"${text}" is not an IP address or CIDR range`;
  // A zone id names an interface of this machine, never a sender.
  if (extra !== undefined || address.includes("%")) return bad;
  const ip = parseIp(address);
  if (!ip) return bad;
  if (prefix !== undefined && parseRange(text) === null) return `"${text}": the prefix after / must be 0 to ${ip.version === 4 ? 32 : 128}`;
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
