"use client";
import { useForwarders } from "@/lib/client/use-forwarders";
import { Alert } from "@/components/owner-tools/alert";
import { DroppedWarning } from "./dropped-warning";
import { ForwardCommand } from "./forward-command";
import { ForwarderCard } from "./forwarder-card";

interface ForwardersPanelProps {
  binId: string;
  token: string;
  origin: string;
}

/** Every `hookscope forward` of the bin, live: who is connected, what waits, what retention dropped. */
export function ForwardersPanel({ binId, token, origin }: ForwardersPanelProps) {
  const { state, reload } = useForwarders(binId, token);
  if (state.status !== "ready") {
    return (
      <div className="p-5">
        {state.status === "loading" ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400" role="status">
            Loading…
          </p>
        ) : (
          <Alert tone="error" title="Could not load the forwarders">
            {state.message}
          </Alert>
        )}
      </div>
    );
  }
  const { forwarders, undeliveredDropped } = state.data;
  return (
    <div className="min-h-0 flex-1 space-y-4 overflow-auto p-5">
      {undeliveredDropped.count > 0 && (
        <DroppedWarning count={undeliveredDropped.count} at={undeliveredDropped.at} before="they were forwarded (by auto-forward or a hookscope forward)">
          The backlog outgrew what this server keeps for undelivered captures (FORWARD_BACKLOG_MAX past the bin&apos;s limit); they cannot be delivered any
          more.
        </DroppedWarning>
      )}
      {forwarders.length === 0 ? (
        <div className="space-y-3 rounded-lg border border-dashed border-zinc-300 px-4 py-5 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-300">
          <p>No forwarder yet. Start one on your machine: every capture is relayed to your local app, and this list shows it.</p>
          <ForwardCommand binId={binId} token={token} origin={origin} />
        </div>
      ) : (
        <ul aria-label="Forwarders" className="space-y-3">
          {forwarders.map((forwarder) => (
            <ForwarderCard key={forwarder.id} binId={binId} token={token} forwarder={forwarder} onForgotten={reload} />
          ))}
        </ul>
      )}
    </div>
  );
}
