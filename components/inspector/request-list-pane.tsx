"use client";
import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from "react";
import { clearRequests } from "@/lib/client/api";
import type { BinRequests } from "@/lib/client/use-bin-requests";
import { useNow } from "@/lib/client/use-now";
import { useTimeFormat } from "@/lib/client/time-format";
import { useVirtualRows } from "@/lib/client/use-virtual-rows";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ClockIcon } from "@/components/ui/icons";
import { ROW_HEIGHT, RequestRow } from "./request-row";

interface RequestListPaneProps {
  binId: string;
  token: string;
  list: BinRequests;
  selectedId: string | null;
  onSelect(requestId: string): void;
  marked: ReadonlySet<string>;
  onToggleMark(requestId: string): void;
  canEdit: boolean;
  /** Search and filters, drawn above the rows. */
  filterBar: ReactNode;
  /** Actions for the marked rows (compare, export), drawn below the header when any are marked. */
  markedBar: ReactNode;
}

/** Rows from the end at which the next older page is fetched. */
const PREFETCH_ROWS = 20;

export function RequestListPane({ binId, token, list, selectedId, onSelect, marked, onToggleMark, canEdit, filterBar, markedBar }: RequestListPaneProps) {
  const now = useNow(5_000);
  const listId = useId();
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const optionId = (requestId: string) => `${listId}-${requestId}`;
  const { requests, nextBefore, loadingOlder, loadOlder } = list;
  const { start, end, totalHeight, scrollToIndex } = useVirtualRows(scroller, requests.length, ROW_HEIGHT);
  const selectedIndex = selectedId === null ? -1 : requests.findIndex((r) => r.id === selectedId);

  // Keyboard moves (here or from j/k anywhere) bring the selected row on screen.
  useEffect(() => {
    if (selectedIndex !== -1) scrollToIndex(selectedIndex);
  }, [selectedIndex, scrollToIndex]);

  // Scrolling near the end fetches the next older page: thousands of rows without a button per page.
  useEffect(() => {
    if (nextBefore && !loadingOlder && end >= requests.length - PREFETCH_ROWS) loadOlder();
  }, [end, requests.length, nextBefore, loadingOlder, loadOlder]);

  // Arrow keys move the selection, as in a mail client; focus stays on the list itself.
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const index = selectedIndex;
    const target =
      event.key === "ArrowDown" ? requests[Math.min(index + 1, requests.length - 1)]
      : event.key === "ArrowUp" ? requests[Math.max(index - 1, 0)]
      : event.key === "Home" ? requests[0]
      : event.key === "End" ? requests[requests.length - 1]
      : undefined;
    if (!target) return;
    event.preventDefault();
    onSelect(target.id);
  };

  const visible = requests.slice(start, end);
  const searching = list.status === "loading";

  return (
    <section
      aria-label="Requests"
      className="flex min-h-0 flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs max-lg:h-[34rem] dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <div className="flex h-11 shrink-0 items-center gap-2 border-b border-zinc-200 px-4 dark:border-zinc-800">
        <h2 className="text-sm font-semibold">
          {list.filtered ? "Matching" : "Requests"}{" "}
          <span className="font-normal text-zinc-500 tabular-nums dark:text-zinc-400" aria-label={`${requests.length}${nextBefore ? " or more" : ""} requests`}>
            {searching ? "…" : `${requests.length}${nextBefore ? "+" : ""}`}
          </span>
        </h2>
        <TimeFormatToggle />
        {canEdit && requests.length > 0 && !list.filtered && (
          <ClearAllButton onClear={() => clearRequests(binId, token).then(list.clearLocally)} />
        )}
      </div>
      {filterBar}
      {markedBar}
      {requests.length === 0 ? (
        <p role="status" className="flex flex-1 items-center justify-center p-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
          {searching ? "Searching…" : list.filtered ? "No stored request matches these filters." : "No requests yet."}
        </p>
      ) : (
        <div ref={setScroller} className="relative min-h-0 flex-1 overflow-y-auto">
          <ul
            role="listbox"
            aria-label="Captured requests"
            aria-multiselectable={false}
            tabIndex={0}
            aria-activedescendant={selectedId && selectedIndex >= start && selectedIndex < end ? optionId(selectedId) : undefined}
            onKeyDown={onKeyDown}
            style={{ height: totalHeight }}
            className="relative outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-inset"
          >
            {visible.map((request, k) => (
              <RequestRow
                key={request.id}
                id={optionId(request.id)}
                request={request}
                now={now}
                selected={request.id === selectedId}
                marked={marked.has(request.id)}
                style={{ top: (start + k) * ROW_HEIGHT }}
                onSelect={onSelect}
                onToggleMark={onToggleMark}
              />
            ))}
          </ul>
          {nextBefore && (
            <div className="p-3">
              <Button className="w-full" size="sm" onClick={loadOlder} disabled={loadingOlder}>
                {loadingOlder ? "Loading…" : "Load older requests"}
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function TimeFormatToggle() {
  const [format, setFormat] = useTimeFormat();
  const next = format === "relative" ? "absolute" : "relative";
  return (
    <button
      type="button"
      onClick={() => setFormat(next)}
      title={`Show ${next} times`}
      aria-label={`Show ${next} times`}
      className="ml-auto rounded px-1.5 py-0.5 text-xs text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
    >
      <span className="inline-flex items-center gap-1">
        <ClockIcon className="size-3.5" />
        {format === "relative" ? "Relative" : "Absolute"}
      </span>
    </button>
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
