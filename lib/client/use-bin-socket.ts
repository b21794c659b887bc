"use client";
// One socket.io connection per open inspector. Every (re)connect re-joins the bin room with the
// newest id the page holds, and the join ack returns what was missed in between.
import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { CheckedRequest, ClientToServerEvents, RequestSummary, ServerToClientEvents } from "@/lib/shared/api-types";

type HookscopeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type LiveStatus = "connecting" | "live" | "offline";

const JOIN_TIMEOUT_MS = 8000;

export interface BinSocketHandlers {
  /** Newest id the page holds, read at join time (not at render time). */
  getAfter(): string | null;
  /** `after` is what this join sent; null means the page had nothing to anchor the catch-up on. */
  onJoined(result: { missed: RequestSummary[]; truncated: boolean }, after: string | null): void;
  onRequest(summary: RequestSummary): void;
  onRequestDeleted(requestId: string): void;
  onCleared(): void;
  /** The bin's secrets changed and the server re-checked every stored request. */
  onVerdictsChanged?(): void;
  /** The owner set, replaced or removed an event type's schema. */
  onSchemaChanged?(eventType: string, removed: boolean): void;
  onChecked?(requests: CheckedRequest[]): void;
  /** Refusals or retention changed the bin's counts. */
  onTallyChanged?(): void;
  onBinDeleted(): void;
  /** The server says this socket's token stopped working (a rotated share link). */
  onAccessRevoked(): void;
  onRejected(error: { code: string; message: string }): void;
}

export function useBinSocket(binId: string, token: string | null, enabled: boolean, handlers: BinSocketHandlers): LiveStatus {
  // Handlers change every render; the connection must not.
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });
  const [status, setStatus] = useState<LiveStatus>("connecting");

  useEffect(() => {
    if (!enabled || token === null) return;
    const socket: HookscopeSocket = io({ transports: ["websocket", "polling"] });
    // Set once the server has said this bin is gone or the token is bad: reconnecting cannot help.
    let finished = false;

    const join = () => {
      const after = handlersRef.current.getAfter();
      socket.timeout(JOIN_TIMEOUT_MS).emit("bin:join", { binId, token: token || undefined, after }, (err, ack) => {
        if (finished || !socket.connected) return;
        if (err) {
          // No ack: the connection is half-dead. A fresh one re-joins through the connect handler.
          socket.disconnect().connect();
          return;
        }
        if (!ack.ok) {
          finished = true;
          setStatus("offline");
          socket.disconnect();
          handlersRef.current.onRejected(ack.error);
          return;
        }
        setStatus("live");
        handlersRef.current.onJoined({ missed: ack.missed, truncated: ack.truncated }, after);
      });
    };

    socket.on("connect", () => {
      setStatus("connecting");
      join();
    });
    socket.on("connect_error", () => setStatus("offline"));
    socket.on("disconnect", (reason) => {
      setStatus("offline");
      // socket.io does not retry after a server-side disconnect; a restart deploy looks like one.
      if (reason === "io server disconnect" && !finished) socket.connect();
    });
    socket.on("request:new", (summary) => {
      if (summary.binId === binId) handlersRef.current.onRequest(summary);
    });
    socket.on("request:deleted", ({ binId: id, requestId }) => {
      if (id === binId) handlersRef.current.onRequestDeleted(requestId);
    });
    socket.on("bin:cleared", ({ binId: id }) => {
      if (id === binId) handlersRef.current.onCleared();
    });
    socket.on("bin:verdicts-changed", ({ binId: id }) => {
      if (id === binId) handlersRef.current.onVerdictsChanged?.();
    });
    socket.on("bin:schema-changed", ({ binId: id, eventType, removed }) => {
      if (id === binId) handlersRef.current.onSchemaChanged?.(eventType, removed);
    });
    socket.on("requests:checked", ({ binId: id, requests }) => {
      if (id === binId) handlersRef.current.onChecked?.(requests);
    });
    socket.on("bin:tally-changed", ({ binId: id }) => {
      if (id === binId) handlersRef.current.onTallyChanged?.();
    });
    socket.on("bin:access-revoked", ({ binId: id }) => {
      if (id === binId) handlersRef.current.onAccessRevoked();
    });
    socket.on("bin:deleted", ({ binId: id }) => {
      if (id !== binId) return;
      finished = true;
      socket.disconnect();
      setStatus("offline");
      handlersRef.current.onBinDeleted();
    });

    return () => {
      finished = true;
      socket.removeAllListeners();
      socket.disconnect();
      setStatus("connecting");
    };
  }, [binId, token, enabled]);

  return status;
}
