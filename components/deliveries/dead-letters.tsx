"use client";
import { useRef, useState } from "react";
import type { DeliveryDetail, DeliverySummary } from "@/lib/shared/api-types";
import { listDeadDeliveries, retryDelivery } from "@/lib/client/owner-api";
import { useDeliveryList } from "@/lib/client/owner-deliveries";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/owner-tools/alert";
import { RetryIcon } from "@/components/owner-tools/icons";
import { DeliveryCard } from "./delivery-card";
import { DeliveryStatusBadge } from "./delivery-status-badge";
import { useAction } from "@/components/ui/use-action";

export function DeadLetters({ binId, token }: { binId: string; token: string }) {
  // Retried deliveries leave the dead list; they stay in view here with their live state.
  const [retried, setRetried] = useState<DeliverySummary[]>([]);
  // The retry's own answer can arrive after the socket already reported the attempt it started.
  const latest = useRef(new Map<string, DeliverySummary>());
  const { state, reload } = useDeliveryList({
    binId,
    token,
    key: binId,
    load: (signal) => listDeadDeliveries(binId, token, signal),
    concerns: (delivery) => delivery.status === "dead" || retried.some((r) => r.id === delivery.id),
    onUpdate: (delivery) => {
      latest.current.set(delivery.id, delivery);
      setRetried((list) => list.map((r) => (r.id === delivery.id ? delivery : r)));
    },
  });

  const onRetried = (answer: DeliveryDetail) => {
    const heard = latest.current.get(answer.id);
    const delivery = heard && heard.updatedAt >= answer.updatedAt ? heard : answer;
    setRetried((list) => [delivery, ...list.filter((r) => r.id !== delivery.id)]);
    reload();
  };

  return (
    <div className="min-h-0 flex-1 space-y-4 overflow-auto p-5">
      {retried.length > 0 && (
        <section aria-label="Sent again">
          <h3 className="mb-2 text-sm font-semibold">Sent again</h3>
          <ul className="space-y-1.5">
            {retried.map((delivery) => (
              <li key={delivery.id} className="flex items-center gap-2 text-sm">
                <DeliveryStatusBadge status={delivery.status} />
                <span className="min-w-0 truncate font-mono text-[13px]">{delivery.targetUrl}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {state.status === "loading" ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400" role="status">
          Loading…
        </p>
      ) : state.status === "error" ? (
        <Alert tone="error" title="Could not load the dead letters">
          {state.message}
        </Alert>
      ) : state.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          Nothing gave up. Deliveries that run out of attempts show up here.
        </p>
      ) : (
        <ol aria-label="Dead letters" className="space-y-3">
          {state.data.map((delivery) => (
            <DeliveryCard
              key={delivery.id}
              delivery={delivery}
              showRequest
              actions={<RetryButton binId={binId} token={token} delivery={delivery} onRetried={onRetried} />}
            />
          ))}
        </ol>
      )}
    </div>
  );
}

function RetryButton({
  binId,
  token,
  delivery,
  onRetried,
}: {
  binId: string;
  token: string;
  delivery: DeliveryDetail;
  onRetried(delivery: DeliveryDetail): void;
}) {
  // Stays busy after a success: the retried delivery leaves this list.
  const { run: retry, busy, error } = useAction(async () => onRetried(await retryDelivery(binId, token, delivery.id)), { busyAfterSuccess: true });
  return (
    <span className="flex items-center gap-2">
      {error && (
        <span role="alert" className="text-xs text-rose-600 dark:text-rose-400">
          {error}
        </span>
      )}
      <Button size="sm" onClick={retry} disabled={busy} aria-label={`Retry delivery to ${delivery.targetUrl}`}>
        <RetryIcon className="size-3.5" /> {busy ? "Retrying…" : "Retry"}
      </Button>
    </span>
  );
}
