import { z } from "zod";
import { parseIp, parseRange, rangeContains, type IpRange } from "@/lib/shared/ip";
import senderRanges from "@/lib/shared/settings/sender-ranges.json";

/** Providers that publish the addresses their webhooks come from, shipped as dated data (sender-ranges.json). */
export const SENDER_PRESETS = senderRanges.providers;
export type SenderPreset = keyof typeof SENDER_PRESETS;
export const PRESET_IDS = Object.keys(SENDER_PRESETS) as [SenderPreset, ...SenderPreset[]];
export const SENDER_RANGES_CHECKED = senderRanges.checked;

const RangeText = z
  .string()
  .max(64)
  .refine((text) => parseRange(text.trim()) !== null, {
    error: (issue) => `${JSON.stringify(issue.input)} is not an IP address or CIDR range (e.g. 192.0.2.0/24, 2001:db8::/32)`,
  });

export const SourcesSchema = z.object({
  /** off; flag: accept and mark requests from elsewhere; reject: answer 403 (still listed, marked rejected). */
  mode: z.enum(["off", "flag", "reject"]).default("off"),
  /** Addresses and CIDR ranges, IPv4 and IPv6. */
  allow: z.array(RangeText).max(200, "at most 200 ranges").default([]),
  /** Providers whose published sending ranges are allowed too. */
  presets: z.array(z.enum(PRESET_IDS)).max(PRESET_IDS.length).default([]),
});
export type SenderSources = z.infer<typeof SourcesSchema>;

const lists = new Map<string, IpRange[]>();
const MAX_CACHED_LISTS = 256;

/** The allow-list's ranges, parsed once per distinct list (captures of one bin share it). */
function rangesOf(sources: SenderSources): IpRange[] {
  const key = `${sources.presets.join(",")}|${sources.allow.join(",")}`;
  let ranges = lists.get(key);
  if (ranges) return ranges;
  const texts = [...sources.allow, ...sources.presets.flatMap((id) => SENDER_PRESETS[id].ranges)];
  ranges = texts.flatMap((text) => parseRange(text.trim()) ?? []);
  if (lists.size >= MAX_CACHED_LISTS) lists.delete(lists.keys().next().value!);
  lists.set(key, ranges);
  return ranges;
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
  const ip = parseIp(address);
  if (!ip) return `the sender's address (${JSON.stringify(address)}) is unknown, so it cannot be matched against the allow-list`;
  if (rangesOf(sources).some((range) => rangeContains(range, ip))) return null;
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
