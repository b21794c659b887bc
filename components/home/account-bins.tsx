"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { AccountBin } from "@/lib/shared/api-types";
import { listAccountBins, signedInUser, useMe } from "@/lib/client/account";
import { formatRelativeTime } from "@/lib/client/format";
import { useNow } from "@/lib/client/use-now";
import { errorMessage } from "@/lib/shared/errors";

type ListState = { kind: "loading" } | { kind: "ready"; bins: AccountBin[] } | { kind: "failed"; message: string };

/** The signed-in account's bins: the same list in every browser signed in to it. */
export function AccountBins() {
  const me = useMe();
  const user = signedInUser(me);
  const [list, setList] = useState<ListState>({ kind: "loading" });
  const now = useNow(30_000);

  useEffect(() => {
    if (!user) return;
    const controller = new AbortController();
    listAccountBins(controller.signal).then(
      ({ bins }) => setList({ kind: "ready", bins }),
      (error: unknown) => {
        if (!controller.signal.aborted) setList({ kind: "failed", message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [user]);

  if (!user) return null;
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
      ) : list.bins.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          Bins you create while signed in, or save to your account from a bin&apos;s card, are listed here.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/60">
          {list.bins.map((bin) => (
            <li key={bin.id} className="flex items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <Link
                  href={`/bins/${encodeURIComponent(bin.id)}`}
                  className="font-mono text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {bin.id}
                </Link>
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
