"use client";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { clearRequests } from "@/lib/client/api";
import type { BinRequests } from "@/lib/client/use-bin-requests";
import { useNow } from "@/lib/client/use-now";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RequestRow } from "./request-row";

interface RequestListPaneProps {
  binId: string;
  token: string;
  list: BinRequests;
  selectedId: string | null;
  onSelect(requestId: string): void;
  canEdit: boolean;
}

export function RequestListPane({ binId, token, list, selectedId, onSelect, canEdit }: RequestListPaneProps) {
  const now = useNow(5_000);
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const optionId = (requestId: string) => `${listId}-${requestId}`;
  const { requests } = list;

  // Arrow keys move the selection, as in a mail client; focus stays on the list itself.
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const index = requests.findIndex((r) => r.id === selectedId);
    const target =
      event.key === "ArrowDown" ? requests[Math.min(index + 1, requests.length - 1)]
      : event.key === "ArrowUp" ? requests[Math.max(index - 1, 0)]
      : event.key === "Home" ? requests[0]
      : event.key === "End" ? requests[requests.length - 1]
      : undefined;
    if (!target) return;
    event.preventDefault();
    onSelect(target.id);
    listRef.current?.querySelector(`#${CSS.escape(optionId(target.id))}`)?.scrollIntoView({ block: "nearest" });
  };

  return (
    <section
      aria-label="Requests"
      className="flex min-h-0 flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs max-lg:max-h-[32rem] dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <div className="flex h-11 shrink-0 items-center justify-between border-b border-zinc-200 px-4 dark:border-zinc-800">
        <h2 className="text-sm font-semibold">
          Requests{" "}
          <span className="font-normal text-zinc-500 tabular-nums dark:text-zinc-400">
            {requests.length}
            {list.nextBefore ? "+" : ""}
          </span>
        </h2>
        {canEdit && requests.length > 0 && <ClearAllButton onClear={() => clearRequests(binId, token).then(list.clearLocally)} />}
      </div>
      {requests.length === 0 ? (
        <p className="flex flex-1 items-center justify-center p-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
          No requests yet.
        </p>
      ) : (
        <div className="min-h-0 flex-1 overflow-y-auto">
          <ul
            ref={listRef}
            role="listbox"
            aria-label="Captured requests"
            tabIndex={0}
            aria-activedescendant={selectedId ? optionId(selectedId) : undefined}
            onKeyDown={onKeyDown}
            className="divide-y divide-zinc-100 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-inset dark:divide-zinc-800/70"
          >
            {requests.map((request) => (
              <RequestRow
                key={request.id}
                id={optionId(request.id)}
                request={request}
                now={now}
                selected={request.id === selectedId}
                onSelect={onSelect}
              />
            ))}
          </ul>
          {list.nextBefore && (
            <div className="p-3">
              <Button className="w-full" size="sm" onClick={list.loadOlder} disabled={list.loadingOlder}>
                {list.loadingOlder ? "Loading…" : "Load older requests"}
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function ClearAllButton({ onClear }: { onClear(): Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onClear();
      setOpen(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
        Clear all
      </Button>
      <ConfirmDialog
        open={open}
        title="Clear all requests?"
        confirmLabel="Clear all"
        busy={busy}
        error={error}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        Every request captured in this bin is deleted for everyone viewing it. The bin and its URLs stay.
      </ConfirmDialog>
    </>
  );
}
