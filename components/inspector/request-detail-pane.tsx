"use client";
import { useState } from "react";
import type { RequestDetail } from "@/lib/shared/api-types";
import { formatBytes, requestTarget } from "@/lib/client/format";
import { RequestTime } from "@/components/ui/request-time";
import { originOf } from "@/lib/client/owner-link";
import { parseQuery } from "@/lib/client/query";
import { useRequestDetail } from "@/lib/client/use-request-detail";
import { Button } from "@/components/ui/button";
import { TrashIcon } from "@/components/ui/icons";
import { MethodBadge } from "@/components/ui/method-badge";
import { Tabs, type TabItem } from "@/components/ui/tabs";
import { BodyPanel } from "@/components/body-views/body-panel";
import { CodeTab } from "./detail/code-tab";
import { HeadersTab } from "./detail/headers-tab";
import { OverviewTab } from "./detail/overview-tab";
import { QueryTab } from "./detail/query-tab";
import { RawTab } from "./detail/raw-tab";
import { ShapeTab } from "./detail/shape-tab";
import { ExportMenu } from "./export-menu";
import { ownerRequestTabs, viewerRequestTabs } from "@/components/owner-tools/slots";
import { useAction } from "@/components/ui/use-action";

type BuiltInTab = "overview" | "headers" | "query" | "body" | "shape" | "raw" | "code";
/** Built-in tabs, or the key of an owner tool's tab. */
type TabKey = BuiltInTab | (string & {});

interface RequestDetailPaneProps {
  binId: string;
  token: string;
  captureUrl: string;
  requestId: string | null;
  canEdit: boolean;
  onDelete(requestId: string): Promise<void>;
  /** "pane": a card beside the list; "sheet": fills the phone-sized sheet it is drawn in. */
  layout: "pane" | "sheet";
}

const LAYOUT = {
  pane: "min-h-96 rounded-xl border border-zinc-200 shadow-xs lg:min-h-0 dark:border-zinc-800",
  sheet: "min-h-0 flex-1",
} as const;

export function RequestDetailPane({ binId, token, captureUrl, requestId, canEdit, onDelete, layout }: RequestDetailPaneProps) {
  const state = useRequestDetail(binId, token, requestId);
  // Lives here, not per request, so stepping through requests keeps the tab the user is reading.
  const [tab, setTab] = useState<TabKey>("overview");

  return (
    <section aria-label="Request detail" className={`flex flex-col overflow-hidden bg-white dark:bg-zinc-900/60 ${LAYOUT[layout]}`}>
      {state.status === "ready" ? (
        <>
          <DetailHeader detail={state.detail} token={token} canEdit={canEdit} onDelete={onDelete} />
          <RequestTabs detail={state.detail} binId={binId} token={token} captureUrl={captureUrl} canEdit={canEdit} tab={tab} onSelect={setTab} />
        </>
      ) : (
        <p className="flex flex-1 items-center justify-center p-8 text-sm text-zinc-500 dark:text-zinc-400" role="status">
          {state.status === "idle"
            ? "Select a request to see its details."
            : state.status === "loading"
              ? "Loading request…"
              : state.status === "gone"
                ? "This request was deleted."
                : `Could not load this request: ${state.message}`}
        </p>
      )}
    </section>
  );
}

interface RequestTabsProps {
  detail: RequestDetail;
  binId: string;
  token: string;
  captureUrl: string;
  canEdit: boolean;
  tab: TabKey;
  onSelect(tab: TabKey): void;
}

function RequestTabs({ detail, binId, token, captureUrl, canEdit, tab, onSelect }: RequestTabsProps) {
  const ownerTabs = canEdit ? ownerRequestTabs({ binId, token, origin: originOf(captureUrl) }, detail) : viewerRequestTabs({ binId, token }, detail);
  const items = [...tabItems(detail), ...ownerTabs.map(({ key, label }) => ({ key, label }))];
  // A tab that is not there for this viewer falls back to the overview.
  const current = items.some((item) => item.key === tab) ? tab : "overview";
  const ownerTab = ownerTabs.find((item) => item.key === current);
  return (
    <Tabs<TabKey> label="Request sections" items={items} selected={current} onSelect={onSelect}>
      {ownerTab ? ownerTab.render() : <TabContent tab={current as BuiltInTab} detail={detail} token={token} captureUrl={captureUrl} />}
    </Tabs>
  );
}

function shapeBadge(detail: RequestDetail): string | undefined {
  if (detail.schemaCheck?.result === "fail") return "fails schema";
  return detail.shapeDrift ? `${detail.shapeDrift} changed` : undefined;
}

function tabItems(detail: RequestDetail): TabItem<TabKey>[] {
  return [
    { key: "overview", label: "Overview" },
    { key: "headers", label: "Headers", badge: detail.headers.length },
    { key: "query", label: "Query", badge: parseQuery(detail.query).length || undefined },
    { key: "body", label: "Body", badge: detail.bodySize > 0 ? formatBytes(detail.bodySize) : undefined },
    ...(detail.eventType !== null ? [{ key: "shape", label: "Shape", badge: shapeBadge(detail) }] : []),
    { key: "raw", label: "Raw" },
    { key: "code", label: "Copy as" },
  ];
}

function TabContent({ tab, detail, token, captureUrl }: { tab: BuiltInTab; detail: RequestDetail; token: string; captureUrl: string }) {
  switch (tab) {
    case "overview":
      return <OverviewTab detail={detail} />;
    case "headers":
      return <HeadersTab headers={detail.headers} />;
    case "query":
      return <QueryTab query={detail.query} />;
    case "body":
      return <BodyPanel detail={detail} token={token} />;
    case "shape":
      return <ShapeTab detail={detail} />;
    case "raw":
      return <RawTab detail={detail} token={token} />;
    case "code":
      return <CodeTab detail={detail} token={token} captureUrl={captureUrl} />;
  }
}

function DetailHeader({ detail, token, canEdit, onDelete }: { detail: RequestDetail; token: string; canEdit: boolean; onDelete(id: string): Promise<void> }) {
  const { run: remove, busy, error } = useAction(() => onDelete(detail.id));

  return (
    <div className="shrink-0 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
      <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
        {/* Shrinks (the path truncates) rather than pushing the buttons onto a line of their own. */}
        <div className="min-w-0 flex-1 basis-0">
          <h2 className="flex min-w-0 items-center gap-2.5">
            <MethodBadge method={detail.method} />
            <span className="truncate font-mono text-sm font-medium" title={requestTarget(detail.path, detail.query, detail.binId)}>
              {requestTarget(detail.path, detail.query, detail.binId)}
            </span>
          </h2>
          <p className="mt-1 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
            <RequestTime iso={detail.receivedAt} /> · {formatBytes(detail.bodySize)} · from {detail.remoteAddress}
          </p>
        </div>
        <ExportMenu binId={detail.binId} token={token} ids={[detail.id]} label="Export" />
        {canEdit && (
          // One request is cheap to lose and easy to re-send, so no confirmation; "Clear all" asks.
          <Button variant="danger" size="sm" onClick={remove} disabled={busy} aria-label="Delete this request">
            <TrashIcon className="size-3.5" /> Delete
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-2 text-xs text-rose-600 dark:text-rose-400">
          Could not delete: {error}
        </p>
      )}
    </div>
  );
}
