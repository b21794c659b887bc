"use client";
// Request counts per time bucket for the rate chart, refreshed (at most every few seconds) while
// requests keep arriving.
import { useEffect, useState } from "react";
import type { Timeline } from "@/lib/shared/api-types";
import { getTimeline } from "./api";

const REFRESH_MS = 3_000;

/** `changeKey` changes when the bin gains or loses requests; null while the server has no timeline. */
export function useTimeline(binId: string, token: string, buckets: number, changeKey: string): Timeline | null {
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [lastFetch, setLastFetch] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const wait = Math.max(0, lastFetch + REFRESH_MS - Date.now());
    const timer = window.setTimeout(() => {
      setLastFetch(Date.now());
      getTimeline(binId, token, buckets, controller.signal)
        .then(setTimeline)
        .catch(() => {
          // No chart is better than a broken one; the next change tries again.
        });
    }, wait);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // lastFetch is read, not watched: watching it would refetch in a loop.
  }, [binId, token, buckets, changeKey]); // eslint-disable-line react-hooks/exhaustive-deps

  return timeline;
}
