// The replay form: starts from the captured request and sends only what the owner changed, so an
// untouched replay goes out byte-exact (the server re-sends the stored headers and body itself).
import type { RequestDetail } from "@/lib/api-types";
import { isHttpUrl, newRowKey, pairsToRows, type PairRow } from "./owner-settings-form";
import type { HeaderPair, ReplayBody } from "./owner-types";

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export interface ReplayForm {
  targetUrl: string;
  method: string;
  headers: PairRow[];
  /** "captured": the stored bytes go out untouched (the only choice for a binary body unless replaced). */
  bodyMode: "captured" | "text";
  bodyText: string;
  followRedirects: boolean;
}

/** A body that is not valid UTF-8 cannot be edited as text. */
export function isBinaryBody(detail: RequestDetail): boolean {
  return detail.bodyText === null && detail.bodySize > 0;
}

export function replayFormFor(detail: RequestDetail, lastTarget: string | null): ReplayForm {
  return {
    targetUrl: lastTarget ?? "",
    method: detail.method,
    headers: pairsToRows(detail.headers),
    bodyMode: isBinaryBody(detail) ? "captured" : "text",
    bodyText: detail.bodyText ?? "",
    followRedirects: false,
  };
}

export function emptyHeaderRow(): PairRow {
  return { key: newRowKey(), name: "", value: "" };
}

const samePairs = (a: readonly HeaderPair[], b: readonly HeaderPair[]) =>
  a.length === b.length && a.every(([name, value], i) => b[i]?.[0] === name && b[i]?.[1] === value);

/** Field path (`targetUrl`, `method`, `headers.<rowKey>`) → message; `replay` is null when there are errors. */
export function buildReplay(form: ReplayForm, detail: RequestDetail): { errors: Record<string, string>; replay: ReplayBody | null } {
  const errors: Record<string, string> = {};
  const targetUrl = form.targetUrl.trim();
  if (!targetUrl) errors.targetUrl = "Enter the URL to send the request to, e.g. http://localhost:3000/webhooks";
  else if (!isHttpUrl(targetUrl)) errors.targetUrl = "The target is an http:// or https:// URL such as https://example.com/webhooks";

  const method = form.method.trim().toUpperCase();
  if (!/^[A-Z]{1,20}$/.test(method)) errors.method = "The method is one word such as POST";

  const rows = form.headers.filter((row) => row.name !== "" || row.value !== "");
  for (const row of rows) {
    if (!HEADER_NAME.test(row.name)) errors[`headers.${row.key}`] = "A header name may not be empty or contain spaces or colons";
    else if (/[\r\n\0]/.test(row.value)) errors[`headers.${row.key}`] = "A header value may not contain line breaks";
  }
  if (rows.length > 200) errors.headers = "At most 200 headers";
  if (Object.keys(errors).length > 0) return { errors, replay: null };

  const replay: ReplayBody = { targetUrl };
  if (method !== detail.method.toUpperCase()) replay.method = method;
  const headers: HeaderPair[] = rows.map((row) => [row.name, row.value]);
  if (!samePairs(headers, detail.headers)) replay.headers = headers;
  if (form.bodyMode === "text" && form.bodyText !== (detail.bodyText ?? "")) replay.bodyText = form.bodyText;
  // A binary body switched to text mode is replaced even by an empty text.
  if (form.bodyMode === "text" && isBinaryBody(detail)) replay.bodyText = form.bodyText;
  if (form.followRedirects) replay.followRedirects = true;
  return { errors, replay };
}
