// The replay form: starts from the captured request and sends only what the owner changed, so an
// untouched replay goes out byte-exact (the server re-sends the stored headers and body itself).
import type { RequestDetail } from "@/lib/shared/api-types";
import { isHttpUrl, newRowKey, pairsToRows, type PairRow } from "./owner-settings-form";
import type { ForwarderPush, HeaderPair, ReplayBody } from "./owner-types";

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Where a replay goes: a URL the server sends to, or a connected `hookscope forward` by name. */
export type ReplayVia = { kind: "url" } | { kind: "cli"; name: string };

export interface ReplayForm {
  targetUrl: string;
  method: string;
  headers: PairRow[];
  /** "captured": the stored bytes go out untouched (the only choice for a binary body unless replaced). */
  bodyMode: "captured" | "text";
  bodyText: string;
  followRedirects: boolean;
  /** A bin secret's id to sign again with ("" sends the captured signature), and a private key if its scheme needs one. */
  resign: { secretId: string; privateKey: string };
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
    resign: { secretId: "", privateKey: "" },
  };
}

export function emptyHeaderRow(): PairRow {
  return { key: newRowKey(), name: "", value: "" };
}

const samePairs = (a: readonly HeaderPair[], b: readonly HeaderPair[]) =>
  a.length === b.length && a.every(([name, value], i) => b[i]?.[0] === name && b[i]?.[1] === value);

type Edits = Omit<ReplayBody, "targetUrl" | "followRedirects" | "resign">;

/** Method, headers and body as edited: field path (`method`, `headers.<rowKey>`) → message, and only what changed. */
function checkEdits(form: ReplayForm, detail: RequestDetail): { errors: Record<string, string>; edits: Edits } {
  const errors: Record<string, string> = {};
  const method = form.method.trim().toUpperCase();
  if (!/^[A-Z]{1,20}$/.test(method)) errors.method = "The method is one word such as POST";

  const rows = form.headers.filter((row) => row.name !== "" || row.value !== "");
  for (const row of rows) {
    if (!HEADER_NAME.test(row.name)) errors[`headers.${row.key}`] = "A header name may not be empty or contain spaces or colons";
    else if (/[\r\n\0]/.test(row.value)) errors[`headers.${row.key}`] = "A header value may not contain line breaks";
  }
  if (rows.length > 200) errors.headers = "At most 200 headers";

  const edits: Edits = {};
  if (method !== detail.method.toUpperCase()) edits.method = method;
  const headers: HeaderPair[] = rows.map((row) => [row.name, row.value]);
  if (!samePairs(headers, detail.headers)) edits.headers = headers;
  if (form.bodyMode === "text" && form.bodyText !== (detail.bodyText ?? "")) edits.bodyText = form.bodyText;
  // A binary body switched to text mode is replaced even by an empty text.
  if (form.bodyMode === "text" && isBinaryBody(detail)) edits.bodyText = form.bodyText;
  return { errors, edits };
}

/** Field path (`targetUrl`, `method`, `headers.<rowKey>`) → message; `replay` is null when there are errors. */
export function buildReplay(form: ReplayForm, detail: RequestDetail): { errors: Record<string, string>; replay: ReplayBody | null } {
  const { errors, edits } = checkEdits(form, detail);
  const targetUrl = form.targetUrl.trim();
  if (!targetUrl) errors.targetUrl = "Enter the URL to send the request to, e.g. https://example.com/webhooks";
  else if (!isHttpUrl(targetUrl)) errors.targetUrl = "The target is an http:// or https:// URL such as https://example.com/webhooks";
  if (Object.keys(errors).length > 0) return { errors, replay: null };
  const { secretId, privateKey } = form.resign;
  const resign = secretId ? { resign: { secretId, ...(privateKey.trim() ? { privateKey: privateKey.trim() } : {}) } } : {};
  return { errors, replay: { targetUrl, ...edits, ...(form.followRedirects ? { followRedirects: true } : {}), ...resign } };
}

/** The same edits for sending through a `hookscope forward`: the CLI has its own target, and it never follows redirects. */
export function buildPush(form: ReplayForm, detail: RequestDetail): { errors: Record<string, string>; push: ForwarderPush | null } {
  const { errors, edits } = checkEdits(form, detail);
  if (Object.keys(errors).length > 0) return { errors, push: null };
  return { errors, push: { requestId: detail.id, ...edits } };
}
