"use client";
import { useEffect, useState } from "react";
import { BinNotFoundError, getBin } from "@/lib/client/api";
import { forgetOwnedBin, type OwnedBin } from "@/lib/client/bin-store";
import { formatRelativeTime } from "@/lib/client/format";
import { useNow } from "@/lib/client/use-now";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { XIcon } from "@/components/ui/icons";
import { BinLink } from "@/components/ui/bin-link";

type Status = { kind: "checking" } | { kind: "active"; requestCount: number } | { kind: "gone" } | { kind: "unknown" };

export function MyBinRow({ bin }: { bin: OwnedBin }) {
  const [status, setStatus] = useState<Status>({ kind: "checking" });
  const [confirming, setConfirming] = useState(false);
  const now = useNow(30_000);

  useEffect(() => {
    const controller = new AbortController();
    getBin(bin.id, bin.ownerToken, controller.signal)
      .then((info) => setStatus({ kind: "active", requestCount: info.requestCount }))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setStatus(err instanceof BinNotFoundError ? { kind: "gone" } : { kind: "unknown" });
      });
    return () => controller.abort();
  }, [bin.id, bin.ownerToken]);

  const gone = status.kind === "gone";

  return (
    <li className="flex items-center gap-3 px-4 py-3">
      <div className="min-w-0 flex-1">
        {gone ? <span className="font-mono text-sm text-zinc-400 line-through dark:text-zinc-500">{bin.id}</span> : <BinLink binId={bin.id} />}
        <div className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">Created {formatRelativeTime(bin.createdAt, now)}</div>
      </div>
      <StatusBadge status={status} />
      <button
        type="button"
        // A gone bin has nothing to lose; a live one loses its only owner key.
        onClick={() => (gone ? forgetOwnedBin(bin.id) : setConfirming(true))}
        aria-label={`Remove ${bin.id} from my bins`}
        title="Remove from this list (the bin itself is not deleted)"
        className="rounded-md p-1.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
      >
        <XIcon />
      </button>
      <ConfirmDialog
        open={confirming}
        title="Remove this bin from the list?"
        confirmLabel="Remove"
        onConfirm={() => forgetOwnedBin(bin.id)}
        onCancel={() => setConfirming(false)}
      >
        The bin keeps capturing, but this browser forgets its owner key: you will no longer be able to open it as owner, delete requests or delete the bin.
      </ConfirmDialog>
    </li>
  );
}

function StatusBadge({ status }: { status: Status }) {
  const base = "shrink-0 rounded-full px-2 py-0.5 text-xs font-medium tabular-nums";
  switch (status.kind) {
    case "checking":
      return <span className={`${base} text-zinc-400`}>…</span>;
    case "active":
      return (
        <span className={`${base} bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300`}>
          {status.requestCount} {status.requestCount === 1 ? "request" : "requests"}
        </span>
      );
    case "gone":
      return <span className={`${base} bg-rose-50 text-rose-700 dark:bg-rose-400/10 dark:text-rose-300`}>Gone</span>;
    case "unknown":
      return <span className={`${base} text-zinc-500`}>Offline</span>;
  }
}
