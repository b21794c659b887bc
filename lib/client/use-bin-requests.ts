"use client";
// The live request list of one bin: first page over REST, then socket events and reconnect
// catch-up folded in through the pure reducer in request-list.ts.
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { BinNotFoundError, listRequests } from "./api";
import { INITIAL_REQUEST_LIST, requestListReducer, type RequestListState } from "./request-list";
import { useBinSocket, type LiveStatus } from "./use-bin-socket";

export const PAGE_SIZE = 50;

export interface BinRequests extends RequestListState {
  live: LiveStatus;
  /** Set when a `bin:deleted` event arrived while the page was open. */
  binDeleted: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
  reload(): void;
  /** Local removal after a successful DELETE; the echoed socket event is then a no-op. */
  removeLocally(requestId: string): void;
  clearLocally(): void;
}

const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function useBinRequests(binId: string, token: string | null): BinRequests {
  const [state, dispatch] = useReducer(requestListReducer, INITIAL_REQUEST_LIST);
  const [binDeleted, setBinDeleted] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // Socket callbacks and loadOlder read the latest state without re-subscribing.
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  const fetchFirstPage = useCallback(
    async (signal?: AbortSignal) => {
      if (!token) return;
      try {
        const page = await listRequests(binId, token, { limit: PAGE_SIZE }, signal);
        dispatch({ type: "first-page", page });
      } catch (err) {
        if (signal?.aborted) return;
        dispatch(err instanceof BinNotFoundError ? { type: "not-found" } : { type: "failed", message: errorMessage(err) });
      }
    },
    [binId, token],
  );

  useEffect(() => {
    dispatch({ type: "reset" });
    setBinDeleted(false);
    if (!token) return;
    const controller = new AbortController();
    void fetchFirstPage(controller.signal);
    return () => controller.abort();
  }, [token, fetchFirstPage, attempt]);

  // Joining only after the first page means `after` is anchored on what the page already shows.
  const live = useBinSocket(binId, token, state.status === "ready" && !binDeleted, {
    getAfter: () => stateRef.current.newestId,
    onJoined: ({ missed, truncated }, after) => {
      dispatch({ type: "arrived", requests: missed });
      // truncated: the gap is larger than the ack carries. after === null: the page was empty, so
      // the server had no anchor and anything captured between our query and the join would be
      // lost. Both are closed by re-reading the first page (the reducer keeps newer live rows).
      if (truncated || after === null) void fetchFirstPage();
    },
    onRequest: (summary) => dispatch({ type: "arrived", requests: [summary] }),
    onRequestDeleted: (requestId) => dispatch({ type: "removed", requestId }),
    onCleared: () => dispatch({ type: "cleared" }),
    onBinDeleted: () => setBinDeleted(true),
    onRejected: (error) => {
      if (error.code === "bin_not_found") dispatch({ type: "not-found" });
    },
  });

  const loadOlder = useCallback(() => {
    const before = stateRef.current.nextBefore;
    if (!token || !before || loadingOlder) return;
    setLoadingOlder(true);
    listRequests(binId, token, { limit: PAGE_SIZE, before })
      .then((page) => dispatch({ type: "older-page", before, page }))
      .catch((err: unknown) =>
        dispatch(err instanceof BinNotFoundError ? { type: "not-found" } : { type: "failed", message: errorMessage(err) }),
      )
      .finally(() => setLoadingOlder(false));
  }, [binId, token, loadingOlder]);

  return {
    ...state,
    live,
    binDeleted,
    loadingOlder,
    loadOlder,
    reload: useCallback(() => setAttempt((n) => n + 1), []),
    removeLocally: useCallback((requestId: string) => dispatch({ type: "removed", requestId }), []),
    clearLocally: useCallback(() => dispatch({ type: "cleared" }), []),
  };
}
