"use client";
import { BinLink } from "@/components/ui/bin-link";
import { useState } from "react";
import { listAllBins } from "@/lib/client/account";
import { useAccountData } from "@/lib/client/use-account-data";
import { deleteBin } from "@/lib/client/api";
import { formatRelativeTime } from "@/lib/client/format";
import { useNow } from "@/lib/client/use-now";
import { errorMessage } from "@/lib/shared/errors";
import { SignInNeeded } from "@/components/account/sign-in-needed";
import { ACCOUNT_LIST_CLASS, AccountList } from "@/components/account/account-list";
import { Button } from "@/components/ui/button";

/** The admin's overview: every bin, whom it belongs to, and a way to delete it. */
export function AllBins() {
  const { me, signedIn, data: bins, reload } = useAccountData(listAllBins);
  const [problem, setProblem] = useState<string | null>(null);
  const now = useNow(30_000);

  if (!signedIn) return <SignInNeeded me={me} returnTo="/admin" what="as an admin to see every bin" />;
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
      <AccountList data={bins} items={(value) => value.bins} what="the bins" empty="No bins on this instance.">
        {(list) => (
          <ul aria-label="Every bin" className={ACCOUNT_LIST_CLASS}>
            {list.map((bin) => (
              <li key={bin.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <BinLink binId={bin.id} />
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
      </AccountList>
    </div>
  );
}
