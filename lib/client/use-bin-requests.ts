"use client";
// The live request list of one bin: first page over REST, then socket events and reconnect
// catch-up folded in through the pure reducer in request-list.ts. With a filter, pages come from
// the server's search, and live arrivals join the list only once known to match.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import type { RequestSummary } from "@/lib/shared/api-types";
import { BinNotFoundError, getBin, listRequests } from "./api";
import { INITIAL_REQUEST_LIST, requestListReducer, type RequestListState } from "./request-list";
import { isFilterActive, matchesSummary, type RequestFilter } from "./request-filter";
import { useBinSocket, type LiveStatus } from "./use-bin-socket";
import { forgetBinDetails, forgetDetails } from "./use-request-detail";
import { notifyShapesChanged } from "./shapes-live";
import { errorMessage } from "@/lib/shared/errors";

/** First page: small, so the list shows at once. */
export const PAGE_SIZE = 50;
/** Later pages, fetched while scrolling: large, so scrolling through thousands needs few round trips. */
export const OLDER_PAGE_SIZE = 200;

export interface BinRequests extends RequestListState {
  live: LiveStatus;
  /** Set when a `bin:deleted` event arrived while the page was open. */
  binDeleted: boolean;
  /** Set when the server revoked this page's token (the share link was rotated). */
  accessRevoked: boolean;
  filtered: boolean;
  /** The first page of some query has arrived: later loading states are searches, not the page load. */
  loadedOnce: boolean;
  loadingOlder: boolean;
  /** Bumped when the server says the bin's refusal or retention counts changed. */
  tallyVersion: number;
  /** Bumped when the owner changes one of the bin's schemas: an open detail is read again. */
  schemaVersion: number;
  loadOlder(): void;
  reload(): void;
  /** Local removal after a successful DELETE; the echoed socket event is then a no-op. */
  removeLocally(requestId: string): void;
  /** Drops the rows retention removed on the server: all but the newest `keep`. */
  retain(keep: number): void;
  clearLocally(): void;
}

const newer = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

export function useBinRequests(binId: string, token: string | null, filter: RequestFilter): BinRequests {
  const [state, dispatch] = useReducer(requestListReducer, INITIAL_REQUEST_LIST);
  const [binDeleted, setBinDeleted] = useState(false);
  const [accessRevoked, setAccessRevoked] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [tallyVersion, setTallyVersion] = useState(0);
  const [schemaVersion, setSchemaVersion] = useState(0);
  // The socket stays up across filter changes: it is the bin that is live, not the query.
  const [everLoaded, setEverLoaded] = useState(false);
  const filterKey = JSON.stringify(filter);
  const activeFilter = useMemo(() => JSON.parse(filterKey) as RequestFilter, [filterKey]);
  const filtered = isFilterActive(activeFilter);

  // Socket callbacks and loadOlder read the latest values without re-subscribing.
  const stateRef = useRef(state);
  const filterRef = useRef(activeFilter);
  const generation = useRef(0);
  /** Newest id seen in the bin, matching or not: where a re-join's catch-up starts. */
  const newestSeen = useRef<string | null>(null);
  /** Arrivals up to this id have been checked against the filter by the server. */
  const checkedThrough = useRef<string | null>(null);
  const pendingCheck = useRef<number | null>(null);
  useEffect(() => {
    stateRef.current = state;
    newestSeen.current = newer(newestSeen.current, state.newestId);
  }, [state]);

  const fetchFirstPage = useCallback(
    async (signal?: AbortSignal) => {
      if (token === null) return;
      const run = generation.current;
      checkedThrough.current = newestSeen.current;
      try {
        const page = await listRequests(binId, token, { limit: PAGE_SIZE, filter: filterRef.current }, signal);
        if (run !== generation.current) return;
        dispatch({ type: "first-page", page });
        setEverLoaded(true);
      } catch (err) {
        if (signal?.aborted || run !== generation.current) return;
        dispatch(err instanceof BinNotFoundError ? { type: "not-found" } : { type: "failed", message: errorMessage(err) });
      }
    },
    [binId, token],
  );

  useEffect(() => {
    generation.current++;
    filterRef.current = activeFilter;
    dispatch({ type: "reset" });
    if (token === null) return;
    const controller = new AbortController();
    void fetchFirstPage(controller.signal);
    return () => controller.abort();
  }, [token, fetchFirstPage, attempt, activeFilter]);

  /** Asks the server which recent arrivals match a filter the summaries cannot settle. */
  const checkArrivals = useCallback(() => {
    if (pendingCheck.current !== null || token === null) return;
    pendingCheck.current = window.setTimeout(() => {
      pendingCheck.current = null;
      const run = generation.current;
      const after = checkedThrough.current;
      const upTo = newestSeen.current;
      listRequests(binId, token, { limit: OLDER_PAGE_SIZE, after, filter: filterRef.current })
        .then((page) => {
          if (run !== generation.current) return;
          dispatch({ type: "arrived", requests: page.requests });
          checkedThrough.current = newer(checkedThrough.current, upTo);
          // More matches than one answer carries: start over from the first page.
          if (page.nextBefore !== null) void fetchFirstPage();
        })
        .catch(() => {
          // The next arrival (or a reconnect) checks again from the same point.
        });
    }, 150);
  }, [binId, token, fetchFirstPage]);

  useEffect(
    () => () => {
      if (pendingCheck.current !== null) window.clearTimeout(pendingCheck.current);
    },
    [],
  );

  const arrive = useCallback(
    (requests: RequestSummary[]) => {
      for (const r of requests) newestSeen.current = newer(newestSeen.current, r.id);
      const current = filterRef.current;
      if (!isFilterActive(current)) {
        dispatch({ type: "arrived", requests });
        return;
      }
      const sure = requests.filter((r) => matchesSummary(current, r) === true);
      if (sure.length > 0) dispatch({ type: "arrived", requests: sure });
      if (requests.some((r) => matchesSummary(current, r) === null)) checkArrivals();
    },
    [checkArrivals],
  );

  const live = useBinSocket(binId, token, everLoaded && !binDeleted && !accessRevoked, {
    getAfter: () => newer(newestSeen.current, stateRef.current.newestId),
    onJoined: ({ missed, truncated }, after) => {
      arrive(missed);
      // truncated: the gap is larger than the ack carries. after === null: the page was empty, so
      // the server had no anchor and anything captured between our query and the join would be
      // lost. Both are closed by re-reading the first page (the reducer keeps newer live rows).
      if (truncated || after === null) void fetchFirstPage();
    },
    onRequest: (summary) => arrive([summary]),
    onRequestDeleted: (requestId) => dispatch({ type: "removed", requestId }),
    onCleared: () => dispatch({ type: "cleared" }),
    // Verdict badges come with the summaries: re-read them once the server has re-checked.
    onVerdictsChanged: () => void fetchFirstPage(),
    // The list's schema flags and any detail fetched before hold the old schema's verdicts.
    onSchemaChanged: (eventType, removed) => {
      forgetBinDetails(binId);
      setSchemaVersion((n) => n + 1);
      // Rows loaded by scrolling are not in the first page: they go pending here and come back by requests:checked.
      dispatch({ type: "schema-changed", eventType, removed });
      notifyShapesChanged(binId);
      void fetchFirstPage();
    },
    onChecked: (requests) => {
      dispatch({ type: "checked", requests });
      // A fetched detail of one of them (the open one among them) is re-read with its flags.
      if (forgetDetails(requests.map((r) => r.id))) setSchemaVersion((n) => n + 1);
      notifyShapesChanged(binId);
    },
    onTallyChanged: () => setTallyVersion((n) => n + 1),
    onBinDeleted: () => setBinDeleted(true),
    onAccessRevoked: () => {
      // Only believe it for our own token: ask the server whether it still opens the bin.
      if (token === null) return;
      getBin(binId, token).catch((err: unknown) => {
        if (err instanceof BinNotFoundError) setAccessRevoked(true);
      });
    },
    onRejected: (error) => {
      if (error.code === "bin_not_found") dispatch({ type: "not-found" });
    },
  });

  const loadOlder = useCallback(() => {
    const before = stateRef.current.nextBefore;
    if (token === null || !before || loadingOlder) return;
    const run = generation.current;
    setLoadingOlder(true);
    listRequests(binId, token, { limit: OLDER_PAGE_SIZE, before, filter: filterRef.current })
      .then((page) => {
        if (run === generation.current) dispatch({ type: "older-page", before, page });
      })
      .catch((err: unknown) => {
        if (run !== generation.current) return;
        dispatch(err instanceof BinNotFoundError ? { type: "not-found" } : { type: "failed", message: errorMessage(err) });
      })
      .finally(() => setLoadingOlder(false));
  }, [binId, token, loadingOlder]);

  return {
    ...state,
    live,
    binDeleted,
    accessRevoked,
    filtered,
    loadedOnce: everLoaded,
    loadingOlder,
    tallyVersion,
    schemaVersion,
    loadOlder,
    reload: useCallback(() => setAttempt((n) => n + 1), []),
    removeLocally: useCallback((requestId: string) => dispatch({ type: "removed", requestId }), []),
    retain: useCallback((keep: number) => dispatch({ type: "retained", keep }), []),
    clearLocally: useCallback(() => dispatch({ type: "cleared" }), []),
  };
}
