"use client";
// The bin's `hookscope forward` forwarders, kept current: reloaded when one connects, goes away or
// is forgotten, and (coalesced) when the counts move: a CLI's report advances its cursor, a capture
// grows every backlog.
import { useCallback, useEffect, useRef } from "react";
import type { ForwarderInfo } from "@/lib/shared/api-types";
import { listForwarders } from "./owner-api";
import { useOwnerEvents } from "./owner-events";
import { useLoad, type LoadState } from "./owner-load";
import type { ForwarderList } from "./owner-types";

// Captures can arrive by the thousand per second; the counts need not follow each one.
const COUNTS_REFRESH_MS = 1000;

export function useForwarders(binId: string, token: string): { state: LoadState<ForwarderList>; reload(): void } {
  const { state, reload } = useLoad(`forwarders:${binId}`, (signal) => listForwarders(binId, token, signal));
  const reloadSoon = useCoalesced(reload, COUNTS_REFRESH_MS);
  useOwnerEvents(binId, token, {
    onForwardersChanged: reload,
    onDelivery: (delivery) => delivery.kind === "cli" && reloadSoon(),
    onCapture: reloadSoon,
    onResync: reload,
  });
  return { state, reload };
}

export function connectedForwarders(state: LoadState<ForwarderList>): ForwarderInfo[] {
  return state.status === "ready" ? state.data.forwarders.filter((forwarder) => forwarder.connected) : [];
}

/** `callback` at most once per `ms`, at the end of the window: the last call's state is what is read. */
function useCoalesced(callback: () => void, ms: number): () => void {
  const timer = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      callback();
    }, ms);
  }, [callback, ms]);
}
