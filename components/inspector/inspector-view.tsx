"use client";
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { deleteBin, deleteRequest } from "@/lib/client/api";
import { forgetOwnedBin } from "@/lib/client/bin-store";
import { EMPTY_FILTER, type RequestFilter } from "@/lib/client/request-filter";
import { nextSelection } from "@/lib/client/request-list";
import { useBinInfo } from "@/lib/client/use-bin-info";
import { useBinRequests } from "@/lib/client/use-bin-requests";
import { useInspectorKeys } from "@/lib/client/use-inspector-keys";
import { useTimeline } from "@/lib/client/use-timeline";
import { BinHeader } from "./bin-header";
import { BinUnavailable } from "./bin-unavailable";
import { ComparePane } from "./compare-pane";
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
  const bin = useBinInfo(binId, token);
  const [filter, setFilter] = useState<RequestFilter>(EMPTY_FILTER);
  const list = useBinRequests(binId, token, filter);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set());
  const [comparing, setComparing] = useState<readonly [string, string] | null>(null);
  const [keysOpen, setKeysOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const timeline = useTimeline(binId, token, TIMELINE_BUCKETS, `${list.newestId}:${list.filtered ? "" : list.requests.length}`);

  // Adjusted while rendering, not in an effect: an effect's stale closure could overwrite a newer
  // choice when a delete's HTTP answer and its socket echo land in the same frame.
  const [seenRequests, setSeenRequests] = useState(list.requests);
  if (seenRequests !== list.requests) {
    setSeenRequests(list.requests);
    const next = nextSelection(seenRequests, list.requests, selectedId);
    if (next !== selectedId) setSelectedId(next);
  }

  const select = useCallback((requestId: string) => {
    setSelectedId(requestId);
    setComparing(null);
  }, []);
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
    if (target) select(target.id);
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
  // The server decides the role from the token; a share token can never unlock owner controls.
  const canEdit = info.role === "owner";
  const empty = list.requests.length === 0 && !list.filtered && list.status === "ready";

  const onDeleteRequest = async (requestId: string) => {
    await deleteRequest(binId, token, requestId);
    list.removeLocally(requestId);
  };
  const onDeleteBin = async () => {
    await deleteBin(binId, token);
    forgetOwnedBin(binId);
    router.push("/");
  };

  return (
    <main className="mx-auto flex w-full max-w-screen-2xl flex-1 flex-col gap-4 px-3 py-4 sm:px-6 sm:py-5 lg:h-[calc(100dvh-3.5rem)] lg:max-h-[calc(100dvh-3.5rem)] lg:min-h-0">
      <BinHeader
        info={info}
        token={token}
        live={list.live}
        canEdit={canEdit}
        onDeleteBin={onDeleteBin}
        onInfoChange={bin.replace}
        onShowKeys={() => setKeysOpen(true)}
      />
      {list.status === "error" ? (
        <LoadError message={list.errorMessage} onRetry={list.reload} />
      ) : (
        <div className="grid min-h-0 flex-1 gap-4 lg:grid-cols-[minmax(20rem,26rem)_minmax(0,1fr)]">
          <RequestListPane
            binId={binId}
            token={token}
            list={list}
            selectedId={selectedId}
            onSelect={select}
            marked={marked}
            onToggleMark={toggleMark}
            canEdit={canEdit}
            filterBar={
              <>
                <FilterBar filter={filter} onChange={setFilter} searchRef={searchRef} />
                {timeline && !empty && (
                  <TimelineChart
                    timeline={timeline}
                    // The inputs hold whole seconds: widen the bucket outwards so none of its requests fall off.
                    onPickRange={(from, to) => setFilter((prev) => ({ ...prev, from: toLocalInput(from), to: toLocalInput(new Date(Math.ceil(to.getTime() / 1000) * 1000)) }))}
                  />
                )}
              </>
            }
            markedBar={<MarkedBar binId={binId} token={token} canEdit={canEdit} marked={[...marked]} onCompare={compareMarked} onClear={() => setMarked(new Set())} />}
          />
          {comparing ? (
            <ComparePane binId={binId} token={token} leftId={comparing[0]} rightId={comparing[1]} onClose={() => setComparing(null)} />
          ) : empty ? (
            <EmptyState captureUrl={info.captureUrl} />
          ) : (
            <RequestDetailPane
              binId={binId}
              token={token}
              captureUrl={info.captureUrl}
              requestId={selectedId}
              canEdit={canEdit}
              onDelete={onDeleteRequest}
            />
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
    <div role="alert" className="rounded-xl border border-rose-200 bg-rose-50 p-6 text-sm text-rose-800 dark:border-rose-900 dark:bg-rose-950/40 dark:text-rose-200">
      <p className="font-medium">Could not load requests.</p>
      {message && <p className="mt-1 opacity-80">{message}</p>}
      <button type="button" onClick={onRetry} className="mt-3 font-medium underline underline-offset-2">
        Try again
      </button>
    </div>
  );
}
