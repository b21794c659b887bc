import type { RequestDetail } from "@/lib/shared/api-types";
import { matchesFilter, type RequestFilter } from "@/lib/server/requests/filter";
import { subscribe } from "@/lib/server/realtime/bus";
import * as requests from "@/lib/server/queries/requests";
import { getRequestDetail } from "@/lib/server/services/requests";

export const MAX_WAIT_MS = 60_000;
const SCAN_LIMIT = 1000;

/**
 * The first request of the bin matching the filter that arrived after `after` (or after this call),
 * waiting up to `timeoutMs` for one to be captured. Null on timeout or when `signal` aborts.
 */
export async function waitForRequest(
  binId: string,
  filter: RequestFilter,
  options: { after?: string; timeoutMs: number; signal?: AbortSignal },
): Promise<RequestDetail | null> {
  const arrivals: string[] = [];
  let wake: (() => void) | null = null;
  // Listen before scanning what is stored, so nothing captured in between is missed.
  const unsubscribe = subscribe("request.captured", (summary) => {
    if (summary.binId !== binId) return;
    arrivals.push(summary.id);
    wake?.();
  });
  const deadline = Date.now() + Math.min(options.timeoutMs, MAX_WAIT_MS);
  const checked = new Set<string>();
  const check = async (id: string): Promise<RequestDetail | null> => {
    if (checked.has(id)) return null;
    checked.add(id);
    // Whole bodies: a body filter must see all of it, whatever its size.
    const detail = await getRequestDetail(binId, id, Infinity).catch(() => null);
    return detail && matchesFilter(detail, filter) ? detail : null;
  };
  try {
    if (options.after) {
      const stored = await requests.listRequests(binId, { after: options.after, limit: SCAN_LIMIT, order: "oldest-first" });
      for (const summary of stored) {
        const match = await check(summary.id);
        if (match) return match;
      }
    }
    while (!options.signal?.aborted) {
      const id = arrivals.shift();
      if (id) {
        const match = await check(id);
        if (match) return match;
        continue;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, remaining);
        function done() {
          clearTimeout(timer);
          wake = null;
          options.signal?.removeEventListener("abort", done);
          resolve();
        }
        wake = done;
        options.signal?.addEventListener("abort", done);
      });
    }
    return null;
  } finally {
    unsubscribe();
  }
}
