"use client";
import { useHydrated, useOwnedBins } from "@/lib/client/bin-store";
import { MyBinRow } from "./my-bin-row";

export function MyBins() {
  const bins = useOwnedBins();
  const hydrated = useHydrated();

  return (
    <section aria-labelledby="my-bins-heading" className="mt-14">
      <div className="mb-3 flex items-baseline justify-between">
        <h2 id="my-bins-heading" className="text-lg font-semibold tracking-tight">
          My bins
        </h2>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">Stored in this browser only</span>
      </div>
      {!hydrated ? (
        <div className="h-16 animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-900" />
      ) : bins.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          Bins you create here are listed for quick access. Their owner keys live only in this browser.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/60">
          {bins.map((bin) => (
            <MyBinRow key={bin.id} bin={bin} />
          ))}
        </ul>
      )}
    </section>
  );
}
