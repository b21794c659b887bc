"use client";
import { useState } from "react";
import type { BinInfo } from "@/lib/shared/api-types";
import { claimBin, signedInUser, useMe } from "@/lib/client/account";
import { errorMessage } from "@/lib/shared/errors";
import { Button } from "@/components/ui/button";

/**
 * For the owner when sign-in is on: whether the bin follows their account, or one click to make it
 * (it then opens in any browser signed in to the account, without the owner link).
 */
export function AccountClaim({ info, token, onClaimed }: { info: BinInfo; token: string; onClaimed(info: BinInfo): void }) {
  const me = useMe();
  const [state, setState] = useState<{ kind: "idle" } | { kind: "saving" } | { kind: "failed"; message: string }>({ kind: "idle" });
  if (!signedInUser(me)) return null;
  if (info.followsAccount) {
    return <p className="text-xs text-emerald-700 dark:text-emerald-300">Saved to your account: it opens in any browser you sign in to.</p>;
  }
  if (!token) return null;
  const claim = () => {
    setState({ kind: "saving" });
    claimBin(info.id, token).then(
      (updated) => {
        setState({ kind: "idle" });
        onClaimed(updated);
      },
      (error: unknown) => setState({ kind: "failed", message: errorMessage(error) }),
    );
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      <span>This bin opens only in this browser and through its links.</span>
      <Button size="sm" variant="secondary" onClick={claim} disabled={state.kind === "saving"}>
        {state.kind === "saving" ? "Saving…" : "Save to my account"}
      </Button>
      {state.kind === "failed" && (
        <span role="alert" className="text-rose-700 dark:text-rose-300">
          {state.message}
        </span>
      )}
    </div>
  );
}
