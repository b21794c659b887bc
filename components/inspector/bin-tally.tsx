import type { BinInfo } from "@/lib/shared/api-types";

const number = new Intl.NumberFormat("en");

const REFUSALS: [keyof Omit<BinInfo["refused"], "lastAt">, string][] = [
  ["rateLimited", "429 rate-limited"],
  ["tooLarge", "413 too large"],
  ["overloaded", "503 server busy"],
  ["unauthorized", "401 failed delivery auth"],
  ["forbidden", "403 outside the sender allow-list"],
];

/**
 * What the list alone does not show: how many requests the bin keeps, what retention removed, and
 * the requests senders were refused (never stored, so never in the list, except 401s and 403s).
 */
export function BinTally({ info }: { info: BinInfo }) {
  const refused = REFUSALS.filter(([key]) => info.refused[key] > 0);
  const refusedTotal = refused.reduce((sum, [key]) => sum + info.refused[key], 0);
  if (info.pruned === 0 && refusedTotal === 0 && info.undeliveredDropped === 0) return null;
  return (
    <p
      aria-label="Bin counts"
      className="flex flex-wrap gap-x-3 gap-y-0.5 border-b border-zinc-200 px-4 py-1.5 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
    >
      {info.pruned > 0 && (
        <span title={`This bin keeps its newest ${number.format(info.maxRequests)} requests; older ones are removed as new ones arrive.`}>
          Keeps {number.format(info.maxRequests)} · {number.format(info.pruned)} older removed
        </span>
      )}
      {refusedTotal > 0 && (
        <span
          className="text-amber-700 dark:text-amber-400"
          title={info.refused.lastAt ? `Last refused at ${new Date(info.refused.lastAt).toLocaleString()}` : undefined}
        >
          {number.format(refusedTotal)} refused: {refused.map(([key, label]) => `${number.format(info.refused[key])} ${label}`).join(", ")}
        </span>
      )}
      {info.undeliveredDropped > 0 && (
        <span className="text-red-700 dark:text-red-400">{number.format(info.undeliveredDropped)} removed before they were forwarded</span>
      )}
    </p>
  );
}
