"use client";
import Link from "next/link";
import { listAccountBins } from "@/lib/client/account";
import { formatRelativeTime } from "@/lib/client/format";
import { useAccountData } from "@/lib/client/use-account-data";
import { useNow } from "@/lib/client/use-now";

/** The signed-in account's bins: the same list in every browser signed in to it. */
export function AccountBins() {
  const { signedIn, data: list } = useAccountData(listAccountBins);
  const now = useNow(30_000);

  if (!signedIn) return null;
  return (
    <section aria-labelledby="account-bins-heading" className="mt-14">
      <div className="mb-3 flex items-baseline justify-between">
        <h2 id="account-bins-heading" className="text-lg font-semibold tracking-tight">
          Your account&apos;s bins
        </h2>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">In every browser you sign in to</span>
      </div>
      {list.kind === "loading" ? (
        <div className="h-16 animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-900" />
      ) : list.kind === "failed" ? (
        <p role="alert" className="rounded-xl border border-rose-200 px-4 py-3 text-sm text-rose-700 dark:border-rose-900 dark:text-rose-300">
          Could not load your bins: {list.message}
        </p>
      ) : list.value.bins.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          Bins you create while signed in, save to your account from a bin&apos;s card, or share with your teams are listed here.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/60">
          {list.value.bins.map((bin) => (
            <li key={bin.id} className="flex items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <Link
                  href={`/bins/${encodeURIComponent(bin.id)}`}
                  className="font-mono text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {bin.id}
                </Link>
                {bin.team && (
                  <span className="ml-2 rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700 dark:bg-indigo-400/10 dark:text-indigo-300">
                    {bin.team.name}
                  </span>
                )}
                <div className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                  Created {formatRelativeTime(bin.createdAt, now)}
                  {bin.expiresAt && ` · expires ${new Date(bin.expiresAt).toLocaleDateString()}`}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
