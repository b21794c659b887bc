import { BlockList, isIP } from "node:net";
import { z } from "zod";
import senderRanges from "@/lib/bins/sender-ranges.json";

/** Providers that publish the addresses their webhooks come from, shipped as dated data (sender-ranges.json). */
export const SENDER_PRESETS = senderRanges.providers;
export type SenderPreset = keyof typeof SENDER_PRESETS;
const PRESET_IDS = Object.keys(SENDER_PRESETS) as [SenderPreset, ...SenderPreset[]];
export const SENDER_RANGES_CHECKED = senderRanges.checked;

interface Range {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/** "10.0.0.0/8", "2001:db8::/32", or one address (a /32 or /128); undefined when it is neither. */
export function parseRange(text: string): Range | undefined {
  const [address = "", prefixText, extra] = text.trim().split("/");
  if (extra !== undefined) return undefined;
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

const RangeText = z
  .string()
  .max(64)
  .refine((text) => parseRange(text) !== undefined, { error: (issue) => `${JSON.stringify(issue.input)} is not an IP address or CIDR range (e.g. 192.0.2.0/24, 2001:db8::/32)` });

export const SourcesSchema = z.object({
  /** off; flag: accept and mark requests from elsewhere; reject: answer 403 (still listed, marked rejected). */
  mode: z.enum(["off", "flag", "reject"]).default("off"),
  /** Addresses and CIDR ranges, IPv4 and IPv6. */
  allow: z.array(RangeText).max(200, "at most 200 ranges").default([]),
  /** Providers whose published sending ranges are allowed too. */
  presets: z.array(z.enum(PRESET_IDS)).max(PRESET_IDS.length).default([]),
});
export type SenderSources = z.infer<typeof SourcesSchema>;

const lists = new Map<string, BlockList>();
const MAX_CACHED_LISTS = 256;

/** The allow-list as a BlockList, built once per distinct list (captures of one bin share it). */
function blockListOf(sources: SenderSources): BlockList {
  const key = `${sources.presets.join(",")}|${sources.allow.join(",")}`;
  let list = lists.get(key);
  if (list) return list;
  list = new BlockList();
  const texts = [...sources.allow, ...sources.presets.flatMap((id) => SENDER_PRESETS[id].ranges)];
  for (const text of texts) {
    const range = parseRange(text);
    if (range) list.addSubnet(range.address, range.prefix, range.family);
  }
  if (lists.size >= MAX_CACHED_LISTS) lists.delete(lists.keys().next().value!);
  lists.set(key, list);
  return list;
}

function describeList(sources: SenderSources): string {
  const parts = [
    ...sources.presets.map((id) => `${SENDER_PRESETS[id].name}'s published ranges`),
    ...(sources.allow.length ? [sources.allow.length <= 3 ? sources.allow.join(", ") : `${sources.allow.length} ranges`] : []),
  ];
  return parts.join("; ");
}

/**
 * Why the sender's address is outside the bin's allow-list, in plain words; null when it is inside
 * or the list is off. The address is the socket's, or X-Forwarded-For's with TRUST_PROXY.
 */
export function sourceFailure(sources: SenderSources, address: string): string | null {
  if (sources.mode === "off") return null;
  const version = isIP(address);
  if (version === 0) return `the sender's address (${JSON.stringify(address)}) is unknown, so it cannot be matched against the allow-list`;
  if (blockListOf(sources).check(address, version === 4 ? "ipv4" : "ipv6")) return null;
  return `${address} is not in the sender allow-list (${describeList(sources)})`;
}

export interface SenderPresetInfo {
  id: SenderPreset;
  name: string;
  /** Where the ranges are published. */
  source: string;
  ranges: string[];
}

/** The presets as the settings form and the API show them. */
export function senderPresetCatalogue(): { checked: string; presets: SenderPresetInfo[] } {
  return {
    checked: SENDER_RANGES_CHECKED,
    presets: PRESET_IDS.map((id) => ({ id, name: SENDER_PRESETS[id].name, source: SENDER_PRESETS[id].source, ranges: SENDER_PRESETS[id].ranges })),
  };
}
