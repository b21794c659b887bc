"use client";
// A delivery list that stays current: loaded once, then reloaded whenever the server says one of
// its deliveries changed. The event is only a summary; the reload brings the attempt log.
import { useEffect, useRef } from "react";
import type { DeliveryDetail, DeliverySummary } from "@/lib/shared/api-types";
import { useLoad, type Loaded } from "./owner-load";
import { useOwnerEvents } from "./owner-events";

interface Options {
  binId: string;
  token: string;
  /** Changes to `key` start over with a fresh load. */
  key: string;
  load(signal: AbortSignal): Promise<DeliveryDetail[]>;
  /** Which live updates concern this list. */
  concerns(delivery: DeliverySummary): boolean;
  /** Every live update of the bin, for views that track deliveries beyond the list. */
  onUpdate?(delivery: DeliverySummary): void;
}

export function useDeliveryList({ binId, token, key, load, concerns, onUpdate }: Options): Loaded<DeliveryDetail[]> {
  // A failed reload keeps what is on screen; only a failed first load shows the error.
  const list = useLoad(key, load, { keepOnError: true });
  const concernsRef = useRef(concerns);
  const onUpdateRef = useRef(onUpdate);
  useEffect(() => {
    concernsRef.current = concerns;
    onUpdateRef.current = onUpdate;
  });
  const { reload, update } = list;

  useOwnerEvents(binId, token, {
    onDelivery(delivery) {
      onUpdateRef.current?.(delivery);
      if (!concernsRef.current(delivery)) return;
      // Show the new state at once; the attempt log follows with the reload.
      update((deliveries) => deliveries.map((d) => (d.id === delivery.id ? { ...d, ...delivery } : d)));
      reload();
    },
    onResync: reload,
  });

  return list;
}
