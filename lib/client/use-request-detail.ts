"use client";
// Full detail (headers and body) of one captured request, fetched on selection. Captured requests
// never change, so each is fetched once per page view; only its check against the owner's schema
// does, when the schema is set or removed (forgetBinDetails, and `revision` to re-read the open one).
import { useEffect, useState } from "react";
import type { RequestDetail } from "@/lib/shared/api-types";
import { ApiRequestError, getRequest } from "./api";
import { errorMessage } from "@/lib/shared/errors";

export type RequestDetailState =
  { status: "idle" } | { status: "loading" } | { status: "ready"; detail: RequestDetail } | { status: "gone" } | { status: "error"; message: string };

const cache = new Map<string, RequestDetail>();
const CACHE_LIMIT = 200;

function remember(detail: RequestDetail): void {
  cache.set(detail.id, detail);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
}

/** Drops the bin's fetched details: their schema verdicts were for a schema that has just changed. */
export function forgetBinDetails(binId: string): void {
  for (const [id, detail] of cache) if (detail.binId === binId) cache.delete(id);
}

/** Drops these requests' fetched details (the learner has just flagged them); true when one of them was fetched. */
export function forgetDetails(requestIds: readonly string[]): boolean {
  let forgotten = false;
  for (const id of requestIds) forgotten = cache.delete(id) || forgotten;
  return forgotten;
}

/** `revision`: a new value re-reads the request, keeping the one shown until the answer comes. */
export function useRequestDetail(binId: string, token: string | null, requestId: string | null, revision = 0): RequestDetailState {
  const [state, setState] = useState<RequestDetailState>({ status: "idle" });

  useEffect(() => {
    if (token === null || !requestId) {
      setState({ status: "idle" });
      return;
    }
    const cached = cache.get(requestId);
    if (cached && cached.binId === binId) {
      setState({ status: "ready", detail: cached });
      return;
    }
    setState((shown) => (shown.status === "ready" && shown.detail.id === requestId ? shown : { status: "loading" }));
    const controller = new AbortController();
    getRequest(binId, token, requestId, controller.signal)
      .then((detail) => {
        remember(detail);
        setState({ status: "ready", detail });
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        if (err instanceof ApiRequestError && err.status === 404) setState({ status: "gone" });
        else setState({ status: "error", message: errorMessage(err) });
      });
    return () => controller.abort();
    // revision is not read above: a new one only runs this again, and forgetBinDetails emptied the cache.
  }, [binId, token, requestId, revision]);

  return state;
}
