"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteBin, deleteRequest } from "@/lib/client/api";
import { forgetOwnedBin } from "@/lib/client/bin-store";
import { nextSelection } from "@/lib/client/request-list";
import { useBinInfo } from "@/lib/client/use-bin-info";
import { useBinRequests } from "@/lib/client/use-bin-requests";
import { BinHeader } from "./bin-header";
import { BinUnavailable } from "./bin-unavailable";
import { EmptyState } from "./empty-state";
import { InspectorSkeleton } from "./inspector-skeleton";
import { RequestDetailPane } from "./request-detail-pane";
import { RequestListPane } from "./request-list-pane";

interface InspectorViewProps {
  binId: string;
  token: string;
}

export function InspectorView({ binId, token }: InspectorViewProps) {
  const router = useRouter();
  const bin = useBinInfo(binId, token);
  const list = useBinRequests(binId, token);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // Adjusted while rendering, not in an effect: an effect's stale closure could overwrite a newer
  // choice when a delete's HTTP answer and its socket echo land in the same frame.
  const [seenRequests, setSeenRequests] = useState(list.requests);
  if (seenRequests !== list.requests) {
    setSeenRequests(list.requests);
    const next = nextSelection(seenRequests, list.requests, selectedId);
    if (next !== selectedId) setSelectedId(next);
  }

  if (bin.status === "not-found" || list.status === "not-found") return <BinUnavailable reason="not-found" />;
  if (list.binDeleted) return <BinUnavailable reason="deleted" />;
  if (bin.status !== "ready" || list.status === "loading") return <InspectorSkeleton />;

  const { info } = bin;
  // The server decides the role from the token; a share token can never unlock owner controls.
  const canEdit = info.role === "owner";

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
    <main className="mx-auto flex w-full max-w-screen-2xl flex-1 flex-col gap-4 px-4 py-5 sm:px-6 lg:h-[calc(100dvh-3.5rem)] lg:min-h-0">
      <BinHeader info={info} token={token} live={list.live} canEdit={canEdit} onDeleteBin={onDeleteBin} />
      {list.status === "error" ? (
        <LoadError message={list.errorMessage} onRetry={list.reload} />
      ) : (
        <div className="grid min-h-0 flex-1 gap-4 lg:grid-cols-[minmax(20rem,26rem)_minmax(0,1fr)]">
          <RequestListPane
            binId={binId}
            token={token}
            list={list}
            selectedId={selectedId}
            onSelect={setSelectedId}
            canEdit={canEdit}
          />
          {list.requests.length === 0 ? (
            <EmptyState captureUrl={info.captureUrl} />
          ) : (
            <RequestDetailPane
              binId={binId}
              token={token}
              requestId={selectedId}
              canEdit={canEdit}
              onDelete={onDeleteRequest}
            />
          )}
        </div>
      )}
    </main>
  );
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
