"use client";
import type { RequestDetail } from "@/lib/shared/api-types";
import { listRequestDeliveries } from "@/lib/client/owner-api";
import { useDeliveryList } from "@/lib/client/owner-deliveries";
import { Alert } from "@/components/owner-tools/alert";
import { DeliveryCard } from "./delivery-card";

/** Replays, auto-forwards and CLI deliveries of one request, kept current over the socket. */
export function DeliveriesTab({ binId, token, detail }: { binId: string; token: string; detail: RequestDetail }) {
  const { state } = useDeliveryList({
    binId,
    token,
    key: `${binId}:${detail.id}`,
    load: (signal) => listRequestDeliveries(binId, token, detail.id, signal),
    concerns: (delivery) => delivery.requestId === detail.id,
  });

  if (state.status === "loading") {
    return (
      <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400" role="status">
        Loading deliveries…
      </p>
    );
  }
  if (state.status === "error") {
    return (
      <div className="p-4">
        <Alert tone="error" title="Could not load the deliveries">
          {state.message}
        </Alert>
      </div>
    );
  }
  if (state.data.length === 0) {
    return (
      <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400">
        Not delivered anywhere yet. Replay it from the Replay tab, or turn on auto-forward in the bin&apos;s settings.
      </p>
    );
  }
  return (
    <ol aria-label="Deliveries" className="space-y-3 p-4">
      {state.data.map((delivery) => (
        <DeliveryCard key={delivery.id} delivery={delivery} />
      ))}
    </ol>
  );
}
