// Rewrites lib/shared/settings/sender-ranges.json from the providers' published lists (needs internet access).
// Review the diff before committing: a provider that changes its format fails here rather than
// shipping an empty allow-list.
import { readFileSync, writeFileSync } from "node:fs";
import { parseRange } from "@/lib/shared/ip";

const FILE = "lib/shared/settings/sender-ranges.json";
interface Provider {
  name: string;
  source: string;
  field: string;
  ranges: string[];
}
const data = JSON.parse(readFileSync(FILE, "utf8")) as { checked: string; note: string; providers: Record<string, Provider> };

for (const [id, provider] of Object.entries(data.providers)) {
  const response = await fetch(provider.source, { headers: { Accept: "application/json", "User-Agent": "hookscope-sender-ranges" } });
  if (!response.ok) throw new Error(`${id}: ${provider.source} answered ${response.status}`);
  const listed = ((await response.json()) as Record<string, unknown>)[provider.field];
  if (!Array.isArray(listed) || listed.length === 0) throw new Error(`${id}: ${provider.source} has no "${provider.field}" list`);
  const ranges = listed.map(String).map((text) => (text.includes("/") ? text : `${text}/${text.includes(":") ? 128 : 32}`));
  const invalid = ranges.filter((text) => parseRange(text) === null);
  if (invalid.length) throw new Error(`${id}: not addresses or ranges: ${invalid.join(", ")}`);
  console.log(`${id}: ${provider.ranges.length} -> ${ranges.length} ranges`);
  provider.ranges = ranges;
}
data.checked = new Date().toISOString().slice(0, 10);
data.note = "Fetched from the sources below by `npm run sender-ranges:refresh`.";
writeFileSync(FILE, `${JSON.stringify(data, null, 2)}\n`);
