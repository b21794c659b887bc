import type { ReactNode } from "react";

interface PairsTableProps {
  caption: string;
  pairs: readonly (readonly [string, string])[];
  nameHeader: string;
  empty: ReactNode;
}

/**
 * Name/value rows exactly in the order given. Repeated names stay separate rows: merging them
 * (as Headers and URLSearchParams.get do) would hide what the sender actually sent.
 */
export function PairsTable({ caption, pairs, nameHeader, empty }: PairsTableProps) {
  if (pairs.length === 0) return <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  return (
    // Phones: a fixed layout lets long names and values wrap in their columns instead of widening the table.
    <table className="w-full table-fixed border-collapse text-left text-[13px] sm:table-auto">
      <caption className="sr-only">{caption}</caption>
      <thead className="sticky top-0 z-10 bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
        <tr>
          <th scope="col" className="w-10 py-2 pr-2 pl-4 text-right font-medium max-sm:hidden">
            #
          </th>
          <th scope="col" className="px-3 py-2 font-medium max-sm:w-[38%] max-sm:pl-4">
            {nameHeader}
          </th>
          <th scope="col" className="py-2 pr-4 pl-3 font-medium">
            Value
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 font-mono dark:divide-zinc-800/70">
        {pairs.map(([name, value], index) => (
          <tr key={index} className="align-top hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
            <td className="py-1.5 pr-2 pl-4 text-right text-xs text-zinc-400 tabular-nums select-none max-sm:hidden dark:text-zinc-500">{index + 1}</td>
            <th scope="row" className="px-3 py-1.5 font-medium text-sky-800 max-sm:pl-4 max-sm:[overflow-wrap:anywhere] sm:whitespace-nowrap dark:text-sky-300">
              {name}
            </th>
            <td className="py-1.5 pr-4 pl-3 break-all whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
