"use client";
import { BinLink } from "@/components/ui/bin-link";
import { listAccountBins } from "@/lib/client/account";
import { formatRelativeTime } from "@/lib/client/format";
import { useAccountData } from "@/lib/client/use-account-data";
import { useNow } from "@/lib/client/use-now";
import { ACCOUNT_LIST_CLASS, AccountList } from "@/components/account/account-list";

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
      <AccountList
        data={list}
        items={(value) => value.bins}
        what="your bins"
        empty="Bins you create while signed in, save to your account from a bin's card, or share with your teams are listed here."
      >
        {(bins) => (
          <ul className={ACCOUNT_LIST_CLASS}>
            {bins.map((bin) => (
              <li key={bin.id} className="flex items-center gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <BinLink binId={bin.id} />
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
      </AccountList>
    </section>
  );
}
