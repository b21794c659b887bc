"use client";
// Where owner-only tools (bin settings, replay, deliveries) plug into the inspector. The inspector
// renders these only for the owner; `viewerRequestTabs` is the one read-only exception.
import type { ReactNode } from "react";
import type { BinInfo, RequestDetail } from "@/lib/shared/api-types";
import { originOf } from "@/lib/client/owner-link";
import { binPath } from "@/lib/client/api";
import { HistoryButton } from "@/components/audit/history-button";
import { BinSettingsButton } from "@/components/bin-settings/bin-settings-button";
import { DeadLettersButton } from "@/components/deliveries/dead-letters-button";
import { DeliveriesTab } from "@/components/deliveries/deliveries-tab";
import { ForwardersButton } from "@/components/forwarders/forwarders-button";
import { ReplayTab } from "@/components/replay/replay-tab";
import { ReplayMarked } from "@/components/replay/replay-marked";
import { TestEventButton } from "@/components/test-event/test-event-button";
import { VerifyTab } from "@/components/verify/verify-tab";

export interface OwnerToolContext {
  binId: string;
  token: string;
}

/** Buttons in the bin header (e.g. settings). */
export function BinOwnerActions({ binId, token, info }: OwnerToolContext & { info: BinInfo }): ReactNode {
  // The server decides the role; a share token never gets here, and this double-checks it. A team's
  // member (operator) uses the bin: dead letters, forwarders, test events, not its settings or log.
  if (info.role === "viewer") return null;
  const configures = info.role === "owner";
  return (
    <div className="flex items-center gap-2">
      {configures && <BinSettingsButton binId={binId} token={token} info={info} />}
      <DeadLettersButton binId={binId} token={token} />
      <ForwardersButton binId={binId} token={token} origin={originOf(info.captureUrl)} />
      <TestEventButton binId={binId} token={token} />
      {configures && (
        <HistoryButton
          source={{ path: `${binPath(binId)}/audit`, token, label: "Changes to this bin" }}
          description="Who changed this bin's settings, secrets, share link, schemas or owner, and when. Secret values are never recorded."
        />
      )}
    </div>
  );
}

/** Actions on the requests marked in the list. */
export function MarkedOwnerActions({ binId, token, requestIds }: OwnerToolContext & { requestIds: readonly string[] }): ReactNode {
  return <ReplayMarked binId={binId} token={token} requestIds={requestIds} />;
}

/** An extra tab of the request detail pane, after the built-in ones. */
export interface ToolTab {
  key: string;
  label: string;
  render(): ReactNode;
}

/** The owner's extra tabs. `origin`: the app's public origin, for owner links. */
export function ownerRequestTabs({ binId, token, origin }: OwnerToolContext & { origin: string }, detail: RequestDetail): ToolTab[] {
  // Keyed by request: stepping to another request starts each tool afresh.
  return [
    { key: "replay", label: "Replay", render: () => <ReplayTab key={detail.id} binId={binId} token={token} origin={origin} detail={detail} /> },
    { key: "deliveries", label: "Deliveries", render: () => <DeliveriesTab key={detail.id} binId={binId} token={token} detail={detail} /> },
    { key: "verify", label: "Verify", render: () => <VerifyTab key={detail.id} binId={binId} token={token} detail={detail} /> },
  ];
}

/** The tools a share-link viewer gets: the verdict and its reason, which the server strips of anything secret. */
export function viewerRequestTabs({ binId, token }: OwnerToolContext, detail: RequestDetail): ToolTab[] {
  return [{ key: "verify", label: "Verify", render: () => <VerifyTab key={detail.id} binId={binId} token={token} detail={detail} readOnly /> }];
}
