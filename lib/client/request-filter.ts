// The inspector's search: which requests the list shows. Matching runs on the server so it covers
// every stored request; live arrivals are checked here when the summary alone can tell.
import type { RequestSummary } from "@/lib/shared/api-types";

export interface RequestFilter {
  method: string;
  /** Sub-path; a trailing `*` makes it a prefix match. */
  path: string;
  header: string;
  headerValue: string;
  /** Body text. */
  q: string;
  /** `datetime-local` values (local time, no zone), "" when unset. */
  from: string;
  to: string;
  /** Exactly this event type ("" for any). */
  eventType: string;
  /** The owner schema's verdict at capture: "pass", "fail", "not_checked" ("" for any). */
  schemaResult: string;
}

export const EMPTY_FILTER: RequestFilter = { method: "", path: "", header: "", headerValue: "", q: "", from: "", to: "", eventType: "", schemaResult: "" };

export function isFilterActive(filter: RequestFilter): boolean {
  return Object.values(filter).some((value) => value.trim() !== "");
}

/** How many of the advanced fields (everything but the body text) are set. */
export function advancedFilterCount(filter: RequestFilter): number {
  return [filter.method, filter.path, filter.header, filter.from, filter.to, filter.eventType, filter.schemaResult].filter((v) => v.trim() !== "").length;
}

export function normalizePath(path: string): string {
  const trimmed = path.trim();
  if (trimmed === "" || trimmed.startsWith("/") || trimmed.startsWith("*")) return trimmed;
  return `/${trimmed}`;
}

function localToIso(value: string): string | null {
  if (!value) return null;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export function filterSearchParams(filter: RequestFilter): URLSearchParams {
  const search = new URLSearchParams();
  const set = (name: string, value: string | null) => {
    if (value !== null && value.trim() !== "") search.set(name, value.trim());
  };
  set("method", filter.method.toUpperCase());
  set("path", normalizePath(filter.path));
  set("header", filter.header);
  if (filter.header.trim()) set("headerValue", filter.headerValue);
  // Body text is sent as typed: leading or trailing spaces can be what the user is looking for.
  if (filter.q !== "") search.set("q", filter.q);
  set("from", localToIso(filter.from));
  set("to", localToIso(filter.to));
  set("eventType", filter.eventType);
  set("schemaResult", filter.schemaResult);
  return search;
}

/**
 * Whether a live summary matches: true or false when the summary says enough, null when only the
 * server can tell (header and body filters need data a summary does not carry).
 */
export function matchesSummary(filter: RequestFilter, summary: RequestSummary): boolean | null {
  const method = filter.method.trim().toUpperCase();
  if (method && summary.method.toUpperCase() !== method) return false;
  const path = normalizePath(filter.path);
  if (path) {
    const matched = path.endsWith("*") ? summary.path.startsWith(path.slice(0, -1)) : summary.path === path;
    if (!matched) return false;
  }
  const received = Date.parse(summary.receivedAt);
  const from = localToIso(filter.from);
  const to = localToIso(filter.to);
  if (from && received < Date.parse(from)) return false;
  if (to && received > Date.parse(to)) return false;
  const eventType = filter.eventType.trim();
  if (eventType && summary.eventType !== eventType) return false;
  if (filter.schemaResult && summary.schemaResult !== filter.schemaResult) return false;
  if (filter.header.trim() || filter.q !== "") return null;
  return true;
}
