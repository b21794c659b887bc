// The request list as pure state transitions, so that live events, catch-up after a reconnect
// and paging can interleave in any order without gaps or duplicates.
import type { CheckedRequest, RequestPage, RequestSummary } from "@/lib/shared/api-types";

/** Beyond this many rows the oldest are dropped from memory; "load older" fetches them again. */
export const MAX_KEPT_REQUESTS = 20_000;
/** Flags are remembered for rows that may still land; far more than a page or a tick's arrivals. */
const MAX_REMEMBERED_CHECKS = 5_000;

export interface RequestListState {
  status: "loading" | "ready" | "not-found" | "error";
  /** Newest first, unique by id. */
  requests: RequestSummary[];
  /** Cursor for the next older page; null when the oldest request is loaded. */
  nextBefore: string | null;
  /** Largest id ever seen. Ids are time-sortable, so this is what a re-join passes as `after`. */
  newestId: string | null;
  errorMessage: string | null;
  /**
   * The learner's latest flags by request id, newest last (at most MAX_REMEMBERED_CHECKS). A flag can
   * arrive before its row: a page fetched while the learner ran still says "pending", and a live
   * arrival may come after its own check. Rows that land pending take their remembered flags.
   */
  checked: ReadonlyMap<string, CheckedRequest>;
}

export type RequestListAction =
  | { type: "reset" }
  | { type: "first-page"; page: RequestPage }
  | { type: "older-page"; before: string; page: RequestPage }
  | { type: "arrived"; requests: RequestSummary[] }
  | { type: "removed"; requestId: string }
  /** The background learner's flags for these rows (live `requests:checked`): they are no longer pending. */
  | { type: "checked"; requests: CheckedRequest[] }
  /** An event type's schema changed: its loaded rows are pending until re-checked (or, removed, carry no verdict). */
  | { type: "schema-changed"; eventType: string; removed: boolean }
  /** Retention removed the oldest: keep at most this many rows (older stored ones load on scroll). */
  | { type: "retained"; keep: number }
  | { type: "cleared" }
  | { type: "not-found" }
  | { type: "failed"; message: string };

export const INITIAL_REQUEST_LIST: RequestListState = {
  status: "loading",
  requests: [],
  nextBefore: null,
  newestId: null,
  errorMessage: null,
  checked: new Map(),
};

const byIdDesc = (a: RequestSummary, b: RequestSummary) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Union by id, newest first. A later copy of the same id replaces the earlier one. */
export function mergeRequests(existing: readonly RequestSummary[], incoming: readonly RequestSummary[]): RequestSummary[] {
  if (incoming.length === 0) return existing.slice();
  const byId = new Map<string, RequestSummary>();
  for (const r of existing) byId.set(r.id, r);
  for (const r of incoming) byId.set(r.id, r);
  return [...byId.values()].sort(byIdDesc);
}

/** A row with the learner's flags: no longer pending. */
const flagged = (request: RequestSummary, flags: CheckedRequest): RequestSummary => ({ ...request, ...flags, checksPending: false });

function withChecks(requests: readonly RequestSummary[], checked: ReadonlyMap<string, CheckedRequest>): readonly RequestSummary[] {
  if (checked.size === 0) return requests;
  return requests.map((r) => {
    const flags = r.checksPending ? checked.get(r.id) : undefined;
    return flags ? flagged(r, flags) : r;
  });
}

function remembered(checked: ReadonlyMap<string, CheckedRequest>, incoming: readonly CheckedRequest[]): Map<string, CheckedRequest> {
  const next = new Map(checked);
  for (const flags of incoming) {
    next.delete(flags.id);
    next.set(flags.id, flags);
  }
  for (const id of next.keys()) {
    if (next.size <= MAX_REMEMBERED_CHECKS) break;
    next.delete(id);
  }
  return next;
}

function maxId(current: string | null, requests: readonly RequestSummary[]): string | null {
  let max = current;
  for (const r of requests) if (max === null || r.id > max) max = r.id;
  return max;
}

function capped(requests: RequestSummary[], nextBefore: string | null): Pick<RequestListState, "requests" | "nextBefore"> {
  if (requests.length <= MAX_KEPT_REQUESTS) return { requests, nextBefore };
  const kept = requests.slice(0, MAX_KEPT_REQUESTS);
  return { requests: kept, nextBefore: kept[kept.length - 1]?.id ?? nextBefore };
}

export function requestListReducer(state: RequestListState, action: RequestListAction): RequestListState {
  switch (action.type) {
    case "reset":
      return INITIAL_REQUEST_LIST;
    case "first-page": {
      // Replaces the list, but keeps live arrivals newer than the page: they came after the query ran.
      const pageNewest = action.page.requests[0]?.id ?? null;
      const newer = state.requests.filter((r) => pageNewest === null || r.id > pageNewest);
      const requests = mergeRequests(withChecks(action.page.requests, state.checked), newer);
      return {
        ...state,
        status: "ready",
        ...capped(requests, action.page.nextBefore),
        newestId: maxId(state.newestId, requests),
        errorMessage: null,
      };
    }
    case "older-page": {
      // A reset or a reload while the page was in flight makes it stale.
      if (state.nextBefore !== action.before) return state;
      return {
        ...state,
        requests: mergeRequests(state.requests, withChecks(action.page.requests, state.checked)),
        nextBefore: action.page.nextBefore,
      };
    }
    case "arrived": {
      if (action.requests.length === 0) return state;
      return {
        ...state,
        ...capped(mergeRequests(state.requests, withChecks(action.requests, state.checked)), state.nextBefore),
        newestId: maxId(state.newestId, action.requests),
      };
    }
    case "checked": {
      const checked = remembered(state.checked, action.requests);
      const flags = new Map(action.requests.map((r) => [r.id, r]));
      if (!state.requests.some((r) => flags.has(r.id))) return { ...state, checked };
      return { ...state, checked, requests: state.requests.map((r) => (flags.has(r.id) ? flagged(r, flags.get(r.id)!) : r)) };
    }
    case "schema-changed":
      // Flags remembered from before the change are stale for this type's rows; which rows those are
      // is not known for rows not loaded, so all are forgotten (the re-check sends them again).
      return {
        ...state,
        checked: new Map(),
        requests: state.requests.map((r) =>
          r.eventType !== action.eventType ? r : { ...r, schemaResult: null, checksPending: action.removed ? r.checksPending : true },
        ),
      };
    case "removed":
      if (!state.requests.some((r) => r.id === action.requestId)) return state;
      return { ...state, requests: state.requests.filter((r) => r.id !== action.requestId) };
    case "retained": {
      if (state.requests.length <= action.keep) return state;
      const kept = state.requests.slice(0, action.keep);
      // Rows retention kept although older (not yet forwarded) come back through "load older".
      return { ...state, requests: kept, nextBefore: kept[kept.length - 1]?.id ?? state.nextBefore };
    }
    case "cleared":
      return { ...state, requests: [], nextBefore: null };
    case "not-found":
      return { ...INITIAL_REQUEST_LIST, status: "not-found" };
    case "failed":
      return { ...state, status: state.status === "ready" ? "ready" : "error", errorMessage: action.message };
  }
}

/**
 * Which request to show after the list changed. A selection that survives is kept; one that
 * vanished (deleted here, in another tab, or cleared) moves to its nearest surviving neighbour,
 * older first, as in a mail client; with nothing selected the newest request is shown. A selection
 * that was never a row (opened by its URL, older than the loaded pages) is kept until the list is
 * emptied (cleared, or reset for a new search).
 */
export function nextSelection(previous: readonly RequestSummary[], current: readonly RequestSummary[], selectedId: string | null): string | null {
  if (selectedId !== null && current.some((r) => r.id === selectedId)) return selectedId;
  const first = current[0]?.id ?? null;
  if (selectedId === null) return first;
  const index = previous.findIndex((r) => r.id === selectedId);
  if (index === -1) return current.length > 0 ? selectedId : null;
  const alive = new Set(current.map((r) => r.id));
  for (let i = index + 1; i < previous.length; i++) {
    const id = previous[i]?.id;
    if (id !== undefined && alive.has(id)) return id;
  }
  for (let i = index - 1; i >= 0; i--) {
    const id = previous[i]?.id;
    if (id !== undefined && alive.has(id)) return id;
  }
  return first;
}

/**
 * The newest request if the list gained one on top, for "follow newest". A list that was empty
 * (first load, a new search) gained nothing: its first rows are not arrivals.
 */
export function newArrival(previous: readonly RequestSummary[], current: readonly RequestSummary[]): string | null {
  const before = previous[0]?.id;
  const now = current[0]?.id;
  return before !== undefined && now !== undefined && now > before ? now : null;
}
