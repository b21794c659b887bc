"use client";
// Live events for the owner's views: `delivery:updated` and `forwarders:changed` (owner-only), and captures. The
// inspector's socket hook (./use-bin-socket.ts) only hands out request events, so this opens its
// own connection while such a view is on screen. Joining with the owner token puts it in the
// owner-only room; `after` is left out, so the join does not replay any requests.
import { useEffect, useRef } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, DeliverySummary, ServerToClientEvents } from "@/lib/shared/api-types";

const JOIN_TIMEOUT_MS = 8000;

export interface OwnerEventHandlers {
  onDelivery?(delivery: DeliverySummary): void;
  /** A forwarder connected, went away or was forgotten, or retention dropped what one had not delivered. */
  onForwardersChanged?(): void;
  /** A new capture (the summary only matters to the request list, which has its own socket). */
  onCapture?(): void;
  /** Joined: what changed before the join (or while disconnected) was not heard, so reload. */
  onResync(): void;
}

export function useOwnerEvents(binId: string, token: string, handlers: OwnerEventHandlers): void {
  // Handlers change every render; the connection must not.
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ["websocket", "polling"] });
    socket.on("connect", () => {
      socket.timeout(JOIN_TIMEOUT_MS).emit("bin:join", { binId, token: token || undefined }, (err, ack) => {
        if (!err && ack.ok) handlersRef.current.onResync();
      });
    });
    socket.on("disconnect", (reason) => {
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("delivery:updated", (delivery) => {
      if (delivery.binId === binId) handlersRef.current.onDelivery?.(delivery);
    });
    socket.on("request:new", (summary) => {
      if (summary.binId === binId) handlersRef.current.onCapture?.();
    });
    socket.on("forwarders:changed", (payload) => {
      if (payload.binId === binId) handlersRef.current.onForwardersChanged?.();
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [binId, token]);
}
