import assert from "node:assert/strict";
import { test } from "node:test";
import type { RequestPage, RequestSummary } from "@/lib/shared/api-types";
import { INITIAL_REQUEST_LIST, MAX_KEPT_REQUESTS, mergeRequests, newArrival, nextSelection, requestListReducer, type RequestListState } from "./request-list";

const summary = (id: string): RequestSummary => ({
  id,
  binId: "bin",
  method: "POST",
  path: "/",
  query: "",
  contentType: null,
  bodySize: 0,
  remoteAddress: "127.0.0.1",
  receivedAt: "2025-01-01T00:00:00.000Z",
  sequence: 1,
  responseStatus: 200,
  responseRule: null,
  verdict: "not_signed",
  signature: "not_signed",
  freshness: "not_checked",
  replaySuspected: false,
  duplicateOf: null,
  authFailure: null,
  sourceFailure: null,
  plainHttp: false,
  eventType: null,
  shapeDrift: null,
  schemaResult: null,
  checksPending: false,
});
const page = (ids: string[], nextBefore: string | null = null): RequestPage => ({ requests: ids.map(summary), nextBefore });
const ids = (state: RequestListState) => state.requests.map((r) => r.id);
const ready = (list: string[], nextBefore: string | null = null) =>
  requestListReducer(INITIAL_REQUEST_LIST, { type: "first-page", page: page(list, nextBefore) });

test("mergeRequests de-duplicates by id and sorts newest first", () => {
  const merged = mergeRequests([summary("03"), summary("01")], [summary("02"), summary("03"), summary("04")]);
  assert.deepEqual(
    merged.map((r) => r.id),
    ["04", "03", "02", "01"],
  );
});

test("catch-up after a reconnect fills the gap without duplicating live rows", () => {
  let state = ready(["02", "01"]);
  state = requestListReducer(state, { type: "arrived", requests: [summary("05")] });
  // The ack repeats 05, which also came live before the ack arrived.
  state = requestListReducer(state, { type: "arrived", requests: [summary("03"), summary("04"), summary("05")] });
  assert.deepEqual(ids(state), ["05", "04", "03", "02", "01"]);
  assert.equal(state.newestId, "05");
});

test("newestId never goes backwards after deletes or a clear", () => {
  let state = ready(["02", "01"]);
  state = requestListReducer(state, { type: "removed", requestId: "02" });
  assert.equal(state.newestId, "02");
  state = requestListReducer(state, { type: "cleared" });
  assert.equal(state.newestId, "02");
  assert.deepEqual(ids(state), []);
});

test("reloading the first page keeps live rows newer than the page and drops older pages", () => {
  let state = ready(["05", "04"], "04");
  state = requestListReducer(state, { type: "older-page", before: "04", page: page(["03", "02"], "02") });
  state = requestListReducer(state, { type: "arrived", requests: [summary("09")] });
  state = requestListReducer(state, { type: "first-page", page: page(["08", "07"], "07") });
  assert.deepEqual(ids(state), ["09", "08", "07"]);
  assert.equal(state.nextBefore, "07");
});

test("a stale older page is ignored", () => {
  let state = ready(["05", "04"], "04");
  state = requestListReducer(state, { type: "first-page", page: page(["06", "05"], "05") });
  const after = requestListReducer(state, { type: "older-page", before: "04", page: page(["03"], null) });
  assert.equal(after, state);
});

test("the list is capped and the cap becomes the paging cursor", () => {
  const many = Array.from({ length: MAX_KEPT_REQUESTS + 5 }, (_, i) => summary(String(i).padStart(6, "0")));
  const state = requestListReducer(ready([]), { type: "arrived", requests: many });
  assert.equal(state.requests.length, MAX_KEPT_REQUESTS);
  assert.equal(state.nextBefore, state.requests[state.requests.length - 1]?.id);
  assert.equal(state.newestId, many[many.length - 1]?.id);
});

test("nextSelection keeps a surviving selection and moves a vanished one to its neighbour", () => {
  const list = ["05", "04", "03", "02"].map(summary);
  const without = (...gone: string[]) => list.filter((r) => !gone.includes(r.id));
  assert.equal(nextSelection(list, without("05"), "03"), "03");
  assert.equal(nextSelection(list, without("03"), "03"), "02", "the older neighbour first");
  assert.equal(nextSelection(list, without("02"), "02"), "03", "then the newer one");
  assert.equal(nextSelection(list, without("03", "02"), "03"), "04");
  assert.equal(nextSelection(list, [], "03"), null);
  assert.equal(nextSelection([], list, null), "05", "nothing selected: the newest");
  assert.equal(nextSelection(list, list, null), "05");
  assert.equal(nextSelection([], list, "01"), "01", "opened by its URL, not a loaded row: kept");
  assert.equal(nextSelection(list, [...list, summary("01")].slice(1), "00"), "00", "...while rows come and go");
  assert.equal(nextSelection(list, [], "00"), null, "...until the list is reset for a search");
});

test("newArrival names the new top row, never the rows of a first load", () => {
  const list = ["05", "04"].map(summary);
  assert.equal(newArrival(list, ["07", "06", "05", "04"].map(summary)), "07");
  assert.equal(newArrival(list, ["04"].map(summary)), null, "a deletion is no arrival");
  assert.equal(newArrival([], list), null);
  assert.equal(newArrival(list, list), null);
});

test("retention: rows past the bin's limit leave the list, and older stored ones can load again", () => {
  const rows = ["r5", "r4", "r3", "r2", "r1"].map((id) => summary(id));
  const state = requestListReducer(
    { ...INITIAL_REQUEST_LIST, status: "ready", requests: rows, nextBefore: null, newestId: "r5" },
    { type: "retained", keep: 3 },
  );
  assert.deepEqual(
    state.requests.map((r) => r.id),
    ["r5", "r4", "r3"],
  );
  assert.equal(state.nextBefore, "r3");
  assert.equal(requestListReducer(state, { type: "retained", keep: 3 }), state, "nothing to drop: same state");
});

test("a learner's flags that arrive before their rows are applied when the rows land pending", () => {
  const pending = (id: string): RequestSummary => ({ ...summary(id), eventType: "push", checksPending: true });
  let state = requestListReducer(INITIAL_REQUEST_LIST, { type: "checked", requests: [{ id: "02", shapeDrift: 1, schemaResult: null }] });
  // The page was read before the learner reached 02, so it still says pending.
  state = requestListReducer(state, { type: "first-page", page: { requests: [pending("02"), pending("01")], nextBefore: null } });
  assert.deepEqual(
    state.requests.map((r) => [r.id, r.checksPending, r.shapeDrift]),
    [
      ["02", false, 1],
      ["01", true, null],
    ],
  );
  state = requestListReducer(state, { type: "checked", requests: [{ id: "03", shapeDrift: 0, schemaResult: null }] });
  state = requestListReducer(state, { type: "arrived", requests: [pending("03")] });
  assert.equal(state.requests[0]?.checksPending, false);
  // A schema change makes remembered flags stale: a row landing afterwards stays pending.
  state = requestListReducer(state, { type: "checked", requests: [{ id: "04", shapeDrift: 0, schemaResult: null }] });
  state = requestListReducer(state, { type: "schema-changed", eventType: "push", removed: false });
  state = requestListReducer(state, { type: "arrived", requests: [pending("04")] });
  assert.equal(state.requests[0]?.checksPending, true);
});
