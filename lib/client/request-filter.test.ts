import assert from "node:assert/strict";
import { test } from "node:test";
import type { RequestSummary } from "@/lib/shared/api-types";
import { EMPTY_FILTER, filterSearchParams, isFilterActive, matchesSummary } from "./request-filter";

const summary = {
  id: "r1",
  binId: "b",
  method: "POST",
  path: "/orders/7",
  query: "",
  contentType: null,
  bodySize: 0,
  remoteAddress: "127.0.0.1",
  receivedAt: "2030-01-01T10:00:00.000Z",
  sequence: 1,
  responseStatus: 200,
  responseRule: null,
  eventType: "charge.succeeded",
  schemaResult: "fail",
} as RequestSummary;

test("filterSearchParams sends only what is set, normalised", () => {
  assert.equal(filterSearchParams(EMPTY_FILTER).toString(), "");
  assert.equal(
    filterSearchParams({ ...EMPTY_FILTER, method: "post", path: "orders*", header: "X-Sig", headerValue: "abc", q: " a b" }).toString(),
    "method=POST&path=%2Forders*&header=X-Sig&headerValue=abc&q=+a+b",
  );
  // A header value alone means nothing to the server.
  assert.equal(filterSearchParams({ ...EMPTY_FILTER, headerValue: "abc" }).toString(), "");
  assert.equal(filterSearchParams({ ...EMPTY_FILTER, eventType: " pull_request.opened " }).toString(), "eventType=pull_request.opened");
  assert.equal(filterSearchParams({ ...EMPTY_FILTER, schemaResult: "fail" }).toString(), "schemaResult=fail");
  assert.equal(isFilterActive(EMPTY_FILTER), false);
});

test("matchesSummary decides locally when it can and defers otherwise", () => {
  assert.equal(matchesSummary(EMPTY_FILTER, summary), true);
  assert.equal(matchesSummary({ ...EMPTY_FILTER, method: "get" }, summary), false);
  assert.equal(matchesSummary({ ...EMPTY_FILTER, path: "/orders*" }, summary), true);
  assert.equal(matchesSummary({ ...EMPTY_FILTER, path: "/orders" }, summary), false);
  assert.equal(matchesSummary({ ...EMPTY_FILTER, to: "2029-12-31T00:00" }, summary), false);
  assert.equal(matchesSummary({ ...EMPTY_FILTER, eventType: "charge.succeeded" }, summary), true);
  assert.equal(matchesSummary({ ...EMPTY_FILTER, eventType: "charge.failed" }, summary), false);
  assert.equal(matchesSummary({ ...EMPTY_FILTER, schemaResult: "fail" }, summary), true);
  assert.equal(matchesSummary({ ...EMPTY_FILTER, schemaResult: "pass" }, summary), false);
  assert.equal(matchesSummary({ ...EMPTY_FILTER, q: "needle" }, summary), null);
  assert.equal(matchesSummary({ ...EMPTY_FILTER, method: "GET", q: "needle" }, summary), false);
});
