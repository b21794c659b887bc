"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { deleteBin, deleteRequest } from "@/lib/client/api";
import { forgetOwnedBin } from "@/lib/client/bin-store";
import { useFollowNewest } from "@/lib/client/follow-newest";
import { EMPTY_FILTER, type RequestFilter } from "@/lib/client/request-filter";
import { useBinInfo } from "@/lib/client/use-bin-info";
import { useBinRequests } from "@/lib/client/use-bin-requests";
import { useInspectorKeys } from "@/lib/client/use-inspector-keys";
import { WIDE_SCREEN, useMediaQuery } from "@/lib/client/use-media-query";
import { useRequestSelection } from "@/lib/client/use-request-selection";
import { useTimeline } from "@/lib/client/use-timeline";
import { BinHeader } from "./bin-header";
import { BinUnavailable } from "./bin-unavailable";
import { ComparePane } from "./compare-pane";
import { DetailSheet } from "./detail-sheet";
import { EmptyState } from "./empty-state";
import { FilterBar } from "./filter-bar";
import { InspectorSkeleton } from "./inspector-skeleton";
import { KeysHelpDialog } from "./keys-help-dialog";
import { MarkedBar } from "./marked-bar";
import { RequestDetailPane } from "./request-detail-pane";
import { RequestListPane } from "./request-list-pane";
import { TimelineChart } from "./timeline-chart";

interface InspectorViewProps {
  binId: string;
  token: string;
}

const TIMELINE_BUCKETS = 60;

export function InspectorView({ binId, token }: InspectorViewProps) {
  const router = useRouter();
  const [filter, setFilter] = useState<RequestFilter>(EMPTY_FILTER);
  const list = useBinRequests(binId, token, filter);
  // Changes whenever the bin gains or loses requests: the chart and the stored count are re-read.
  const changeKey = `${list.newestId}:${list.filtered ? "" : list.requests.length}:${list.tallyVersion}`;
  const bin = useBinInfo(binId, token, changeKey);
  // Retention removes the oldest on the server without an event per row: once it has (the count of
  // removed rows moved), the list lets go of rows past the bin's limit too.
  const pruned = bin.status === "ready" ? bin.info.pruned : 0;
  const keep = bin.status === "ready" ? bin.info.maxRequests : Number.POSITIVE_INFINITY;
  const { retain, filtered } = list;
  useEffect(() => {
    if (pruned > 0 && !filtered) retain(keep);
  }, [pruned, keep, filtered, retain]);
  const wide = useMediaQuery(WIDE_SCREEN);
  const [follow] = useFollowNewest();
  const selection = useRequestSelection(binId, list.requests, follow, wide);
  const { selectedId } = selection;
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set());
  const [comparing, setComparing] = useState<readonly [string, string] | null>(null);
  const [keysOpen, setKeysOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const timeline = useTimeline(binId, token, TIMELINE_BUCKETS, changeKey);
  const eventTypes = useMemo(
    () => [...new Set(list.requests.flatMap((request) => (request.eventType === null ? [] : [request.eventType])))].sort(),
    [list.requests],
  );

  const { open: openSelection, move: moveSelection } = selection;
  const open = useCallback(
    (requestId: string) => {
      openSelection(requestId);
      setComparing(null);
    },
    [openSelection],
  );
  const shapeNavigation = useMemo(() => ({ onOpenRequest: open, onShowType: (eventType: string) => setFilter((prev) => ({ ...prev, eventType })) }), [open]);
  const move = useCallback(
    (requestId: string) => {
      moveSelection(requestId);
      setComparing(null);
    },
    [moveSelection],
  );
  const toggleMark = useCallback((requestId: string) => {
    setMarked((prev) => {
      const next = new Set(prev);
      if (!next.delete(requestId)) next.add(requestId);
      return next;
    });
  }, []);
  const compareMarked = () => {
    const ids = [...marked].sort();
    if (ids.length === 2) setComparing([ids[0] as string, ids[1] as string]);
  };
  const step = (delta: 1 | -1) => {
    const index = list.requests.findIndex((r) => r.id === selectedId);
    const target = list.requests[index === -1 ? 0 : Math.min(list.requests.length - 1, Math.max(0, index + delta))];
    if (target) move(target.id);
  };

  useInspectorKeys({
    next: () => step(1),
    previous: () => step(-1),
    focusSearch: () => searchRef.current?.focus(),
    toggleMark: () => selectedId && toggleMark(selectedId),
    compare: compareMarked,
    showHelp: () => setKeysOpen(true),
    escape: () => setComparing(null),
  });

  if (bin.status === "not-found" || list.status === "not-found") return <BinUnavailable reason="not-found" />;
  if (list.accessRevoked) return <BinUnavailable reason="revoked" />;
  if (list.binDeleted) return <BinUnavailable reason="deleted" />;
  if (bin.status !== "ready" || (list.status === "loading" && !list.loadedOnce)) return <InspectorSkeleton />;

  const { info } = bin;
  // The server decides the role; a share token can never unlock these controls. Owners and operators
  // (a team's members) act on requests; what configures the bin checks info.role === "owner" itself.
  const canEdit = info.role !== "viewer";
  const empty = list.requests.length === 0 && !list.filtered && list.status === "ready";
  // The stored count can lag a burst by a moment; the rows on hand are a floor for it.
  const total = list.filtered ? null : Math.max(info.requestCount, list.requests.length);

  const onDeleteRequest = async (requestId: string) => {
    await deleteRequest(binId, token, requestId);
    list.removeLocally(requestId);
  };
  const onDeleteBin = async () => {
    await deleteBin(binId, token);
    forgetOwnedBin(binId);
    router.push("/");
  };
  const detail = (
    <RequestDetailPane
      binId={binId}
      token={token}
      captureUrl={info.captureUrl}
      requestId={selectedId}
      schemaVersion={list.schemaVersion}
      canEdit={canEdit}
      onDelete={onDeleteRequest}
      layout={wide ? "pane" : "sheet"}
    />
  );

  return (
    <main className="mx-auto flex w-full max-w-screen-2xl flex-1 flex-col gap-3 px-3 py-3 sm:px-6 sm:py-4 lg:h-[calc(100dvh-3.5rem)] lg:max-h-[calc(100dvh-3.5rem)] lg:min-h-0">
      <BinHeader
        info={info}
        token={token}
        live={list.live}
        canEdit={canEdit}
        hasRequests={(total ?? info.requestCount) > 0}
        onDeleteBin={onDeleteBin}
        onInfoChange={bin.replace}
        onShowKeys={() => setKeysOpen(true)}
        shapeNavigation={shapeNavigation}
      />
      {list.status === "error" ? (
        <LoadError message={list.errorMessage} onRetry={list.reload} />
      ) : (
        // Phones: rows as tall as their content (the list then fits its rows), not stretched to the screen.
        <div className="grid min-h-0 flex-1 content-start gap-3 lg:grid-cols-[minmax(20rem,26rem)_minmax(0,1fr)] lg:content-stretch lg:gap-4">
          <RequestListPane
            binId={binId}
            token={token}
            list={list}
            total={total}
            info={info}
            selectedId={selectedId}
            onOpen={open}
            onMove={move}
            marked={marked}
            onToggleMark={toggleMark}
            canEdit={canEdit}
            filterBar={
              <>
                <FilterBar filter={filter} onChange={setFilter} searchRef={searchRef} eventTypes={eventTypes} />
                {timeline && !empty && (
                  <TimelineChart
                    timeline={timeline}
                    // The inputs hold whole seconds: widen the bucket outwards so none of its requests fall off.
                    onPickRange={(from, to) =>
                      setFilter((prev) => ({ ...prev, from: toLocalInput(from), to: toLocalInput(new Date(Math.ceil(to.getTime() / 1000) * 1000)) }))
                    }
                  />
                )}
              </>
            }
            markedBar={
              <MarkedBar binId={binId} token={token} canEdit={canEdit} marked={[...marked]} onCompare={compareMarked} onClear={() => setMarked(new Set())} />
            }
          />
          {comparing ? (
            <ComparePane binId={binId} token={token} leftId={comparing[0]} rightId={comparing[1]} onClose={() => setComparing(null)} />
          ) : empty ? (
            <EmptyState captureUrl={info.captureUrl} />
          ) : wide ? (
            detail
          ) : (
            // Phones: the list has the page, and a request opens over it (Back closes it).
            <DetailSheet open={selection.detailOpen} onClose={selection.closeDetail}>
              {detail}
            </DetailSheet>
          )}
        </div>
      )}
      <KeysHelpDialog open={keysOpen} onClose={() => setKeysOpen(false)} />
    </main>
  );
}

/** A `datetime-local` value (local wall-clock time, seconds precision). */
function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function LoadError({ message, onRetry }: { message: string | null; onRetry(): void }) {
  return (
    <div
      role="alert"
      className="rounded-xl border border-rose-200 bg-rose-50 p-6 text-sm text-rose-800 dark:border-rose-900 dark:bg-rose-950/40 dark:text-rose-200"
    >
      <p className="font-medium">Could not load requests.</p>
      {message && <p className="mt-1 opacity-80">{message}</p>}
      <button type="button" onClick={onRetry} className="mt-3 font-medium underline underline-offset-2">
        Try again
      </button>
    </div>
  );
}
