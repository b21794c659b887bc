"use client";
// A delivery list that stays current: loaded once, then reloaded whenever the server says one of
// its deliveries changed. The event is only a summary; the reload brings the attempt log.
import { useCallback, useEffect, useRef, useState } from "react";
import type { DeliveryDetail, DeliverySummary } from "@/lib/api-types";
import { errorMessage } from "./owner-api";
import { useOwnerEvents } from "./owner-events";

export type DeliveryListState = { status: "loading" } | { status: "ready"; deliveries: DeliveryDetail[] } | { status: "error"; message: string };

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

export function useDeliveryList({ binId, token, key, load, concerns, onUpdate }: Options): { state: DeliveryListState; reload(): void } {
  const [state, setState] = useState<DeliveryListState>({ status: "loading" });
  const loadRef = useRef(load);
  const concernsRef = useRef(concerns);
  const onUpdateRef = useRef(onUpdate);
  useEffect(() => {
    loadRef.current = load;
    concernsRef.current = concerns;
    onUpdateRef.current = onUpdate;
  });
  const inFlight = useRef<AbortController | null>(null);

  const reload = useCallback(() => {
    // The newest answer wins: an older reload still in flight is dropped.
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    loadRef.current(controller.signal).then(
      (deliveries) => {
        if (!controller.signal.aborted) setState({ status: "ready", deliveries });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // A failed reload keeps what is on screen; only a failed first load shows the error.
        setState((current) => (current.status === "ready" ? current : { status: "error", message: errorMessage(error) }));
      },
    );
  }, []);

  useEffect(() => {
    setState({ status: "loading" });
    reload();
    return () => inFlight.current?.abort();
  }, [key, reload]);

  useOwnerEvents(binId, token, {
    onDelivery(delivery) {
      onUpdateRef.current?.(delivery);
      if (!concernsRef.current(delivery)) return;
      // Show the new state at once; the attempt log follows with the reload.
      setState((current) =>
        current.status === "ready"
          ? { status: "ready", deliveries: current.deliveries.map((d) => (d.id === delivery.id ? { ...d, ...delivery } : d)) }
          : current,
      );
      reload();
    },
    onResync: reload,
  });

  return { state, reload };
}
