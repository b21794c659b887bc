"use client";
import Link from "next/link";
import { useState } from "react";
import { listAllBins } from "@/lib/client/account";
import { useAccountData } from "@/lib/client/use-account-data";
import { deleteBin } from "@/lib/client/api";
import { formatRelativeTime } from "@/lib/client/format";
import { useNow } from "@/lib/client/use-now";
import { errorMessage } from "@/lib/shared/errors";
import { SignInNeeded } from "@/components/account/sign-in-needed";
import { Button } from "@/components/ui/button";

/** The admin's overview: every bin, whom it belongs to, and a way to delete it. */
export function AllBins() {
  const { me, signedIn, data: bins, reload } = useAccountData(listAllBins);
  const [problem, setProblem] = useState<string | null>(null);
  const now = useNow(30_000);

  if (!signedIn) return <SignInNeeded me={me} returnTo="/admin" what="as an admin to see every bin" />;
  if (bins.kind === "loading") return <div className="mt-6 h-24 animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-900" />;
  if (bins.kind === "failed") {
    return (
      <p role="alert" className="mt-6 text-sm text-rose-700 dark:text-rose-300">
        {bins.message}
      </p>
    );
  }
  const remove = (binId: string) => {
    if (!window.confirm(`Delete bin ${binId} and every request in it?`)) return;
    setProblem(null);
    // No token: the admin's session opens every bin.
    deleteBin(binId, "").then(reload, (error: unknown) => setProblem(errorMessage(error)));
  };
  return (
    <div className="mt-6">
      {problem && (
        <p role="alert" className="mb-3 text-sm text-rose-700 dark:text-rose-300">
          {problem}
        </p>
      )}
      {bins.value.bins.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          No bins on this instance.
        </p>
      ) : (
        <ul
          aria-label="Every bin"
          className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/60"
        >
          {bins.value.bins.map((bin) => (
            <li key={bin.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <Link
                  href={`/bins/${encodeURIComponent(bin.id)}`}
                  className="font-mono text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {bin.id}
                </Link>
                <div className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                  {bin.owner} · created {formatRelativeTime(bin.createdAt, now)}
                </div>
              </div>
              <Button size="sm" variant="danger" onClick={() => remove(bin.id)} aria-label={`Delete ${bin.id}`}>
                Delete
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
