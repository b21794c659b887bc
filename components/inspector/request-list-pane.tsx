"use client";
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { BinInfo, RequestSummary } from "@/lib/shared/api-types";
import { clearRequests } from "@/lib/client/api";
import type { BinRequests } from "@/lib/client/use-bin-requests";
import { useNow } from "@/lib/client/use-now";
import { useTimeFormat } from "@/lib/client/time-format";
import { useAnchoredRows } from "@/lib/client/use-virtual-rows";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import { ArrowUpIcon, ClockIcon } from "@/components/ui/icons";
import { BinTally } from "./bin-tally";
import { FollowToggle } from "./follow-toggle";
import { ROW_HEIGHT, RequestRow } from "./request-row";

interface RequestListPaneProps {
  binId: string;
  token: string;
  list: BinRequests;
  /** Requests stored in the bin, loaded or not; null while a search narrows the list. */
  total: number | null;
  /** The bin's counts beyond the list (retention, refusals). */
  info: BinInfo;
  selectedId: string | null;
  /** A click or Enter: show this request. */
  onOpen(requestId: string): void;
  /** Arrow keys: move the selection. */
  onMove(requestId: string): void;
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

export function RequestListPane({
  binId,
  token,
  list,
  total,
  info,
  selectedId,
  onOpen,
  onMove,
  marked,
  onToggleMark,
  canEdit,
  filterBar,
  markedBar,
}: RequestListPaneProps) {
  const now = useNow(5_000);
  const listId = useId();
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const optionId = (requestId: string) => `${listId}-${requestId}`;
  const { requests, nextBefore, loadingOlder, loadOlder } = list;
  const keys = useMemo(() => requests.map((r) => r.id), [requests]);
  const { start, end, totalHeight, scrollToIndex, atTop, scrollToTop } = useAnchoredRows(scroller, keys, ROW_HEIGHT);
  const selectedIndex = selectedId === null ? -1 : keys.indexOf(selectedId);
  const unseen = useUnseenCount(requests, atTop);

  // A new selection (keys, Back, follow newest) is brought on screen. Only a new one: rows arriving
  // above the selected row must not scroll the list, or the newest would be pushed out of view.
  const keysRef = useRef(keys);
  useLayoutEffect(() => {
    keysRef.current = keys;
  }, [keys]);
  useEffect(() => {
    const index = selectedId === null ? -1 : keysRef.current.indexOf(selectedId);
    if (index !== -1) scrollToIndex(index);
  }, [selectedId, scrollToIndex]);

  // Scrolling near the end fetches the next older page: thousands of rows without a button per page.
  useEffect(() => {
    if (nextBefore && !loadingOlder && end >= requests.length - PREFETCH_ROWS) loadOlder();
  }, [end, requests.length, nextBefore, loadingOlder, loadOlder]);

  // Arrow keys move the selection, as in a mail client; focus stays on the list itself.
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key === "Enter" && selectedId !== null) {
      event.preventDefault();
      onOpen(selectedId);
      return;
    }
    const index = selectedIndex;
    const target =
      event.key === "ArrowDown"
        ? requests[Math.min(index + 1, requests.length - 1)]
        : event.key === "ArrowUp"
          ? requests[Math.max(index - 1, 0)]
          : event.key === "Home"
            ? requests[0]
            : event.key === "End"
              ? requests[requests.length - 1]
              : undefined;
    if (!target) return;
    event.preventDefault();
    onMove(target.id);
  };

  const visible = requests.slice(start, end);
  const searching = list.status === "loading";
  const count = total === null ? `${requests.length}${nextBefore ? "+" : ""}` : String(total);
  const countLabel = total === null ? `${requests.length}${nextBefore ? " or more" : ""} requests` : `${total} requests`;

  return (
    <section
      aria-label="Requests"
      // Phones: as tall as its rows, up to about a screen; the page scrolls around it.
      className="flex min-h-0 flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs max-lg:max-h-[calc(100dvh-5rem)] dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <div className="flex h-11 shrink-0 items-center gap-2 border-b border-zinc-200 px-4 dark:border-zinc-800">
        <h2 className="mr-auto text-sm font-semibold whitespace-nowrap">
          {list.filtered ? "Matching" : "Requests"}{" "}
          <span className="font-normal text-zinc-500 tabular-nums dark:text-zinc-400" aria-label={countLabel}>
            {searching ? "…" : count}
          </span>
        </h2>
        <FollowToggle />
        <TimeFormatToggle />
        {canEdit && requests.length > 0 && !list.filtered && <ClearAllButton onClear={() => clearRequests(binId, token).then(list.clearLocally)} />}
      </div>
      <BinTally info={info} />
      {filterBar}
      {markedBar}
      {requests.length === 0 ? (
        <p role="status" className="flex flex-1 items-center justify-center p-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
          {searching ? "Searching…" : list.filtered ? "No stored request matches these filters." : "No requests yet."}
        </p>
      ) : (
        <div className="relative flex min-h-0 flex-1 flex-col">
          {unseen > 0 && (
            <button
              type="button"
              onClick={scrollToTop}
              title="Scroll to the newest requests"
              className="absolute top-2 left-1/2 z-10 inline-flex -translate-x-1/2 items-center gap-1 rounded-full bg-indigo-600 px-3 py-1 text-xs font-medium text-white shadow-md hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:bg-indigo-500 dark:hover:bg-indigo-400"
            >
              <ArrowUpIcon className="size-3.5" />
              {unseen} new
            </button>
          )}
          {/* The rows keep their place themselves (useAnchoredRows); the browser's anchoring would fight it. */}
          <div ref={setScroller} className="relative min-h-0 flex-1 overflow-y-auto [overflow-anchor:none]">
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
                  onOpen={onOpen}
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
        </div>
      )}
    </section>
  );
}

/**
 * Rows that arrived above the view since the user last saw the top of the list: what the "N new"
 * button counts. The list is newest first, so they are the rows newer than the top row seen.
 */
function useUnseenCount(requests: readonly RequestSummary[], atTop: boolean): number {
  const newest = requests[0]?.id ?? null;
  const [seenNewest, setSeenNewest] = useState(newest);
  if (atTop && seenNewest !== newest) setSeenNewest(newest);
  if (atTop || seenNewest === null) return 0;
  let count = 0;
  while (count < requests.length && (requests[count]?.id ?? "") > seenNewest) count++;
  return count;
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
      className="rounded px-1.5 py-0.5 text-xs text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
    >
      <span className="inline-flex items-center gap-1">
        <ClockIcon className="size-3.5" />
        {/* Phones keep the clock alone: the header needs its width for the count and follow. */}
        <span className="max-sm:sr-only">{format === "relative" ? "Relative" : "Absolute"}</span>
      </span>
    </button>
  );
}

function ClearAllButton({ onClear }: { onClear(): Promise<void> }) {
  const { ask, dialog } = useConfirmedAction(onClear);

  return (
    <>
      <Button variant="ghost" size="sm" onClick={ask}>
        Clear all
      </Button>
      <ConfirmDialog {...dialog} title="Clear all requests?" confirmLabel="Clear all">
        Every request captured in this bin is deleted for everyone viewing it. The bin and its URLs stay.
      </ConfirmDialog>
    </>
  );
}
