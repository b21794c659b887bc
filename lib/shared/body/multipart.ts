// multipart/* parsed from the exact body bytes (RFC 2046 §5.1.1). A file part keeps its bytes
// as a view into the body, so a download of it is byte-identical to what the sender attached.
import { asciiBytes, indexOfBytes } from "./bytes";
import { parseMediaType } from "./content-type";
import { decodeUtf8 } from "./utf8";

export interface MultipartPart {
  /** Header lines of the part, in order, as `[name, value]`. */
  headers: [string, string][];
  /** `name` of Content-Disposition: the form field. */
  name: string | null;
  /** `filename` (or RFC 5987 `filename*`) of Content-Disposition. */
  filename: string | null;
  contentType: string | null;
  body: Uint8Array;
  /** The body as text when the part is not a file and is valid UTF-8. */
  text: string | null;
  /** Byte offset of the part's body within the whole request body. */
  offset: number;
  /** The request body ended inside this part. */
  truncated: boolean;
}

export type MultipartResult =
  { ok: true; parts: MultipartPart[]; boundary: string; warnings: string[] } | { ok: false; error: string; parts: MultipartPart[]; boundary: string | null };

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;

export function parseMultipart(bytes: Uint8Array, contentType: string | null): MultipartResult {
  const boundary = parseMediaType(contentType).params.get("boundary") ?? null;
  if (boundary === null || boundary === "") {
    return { ok: false, error: "The Content-Type has no boundary parameter, so the parts cannot be told apart.", parts: [], boundary: null };
  }
  const warnings: string[] = [];
  if (boundary.length > 70) warnings.push(`The boundary is ${boundary.length} characters long; RFC 2046 allows at most 70.`);

  const dashBoundary = asciiBytes(`--${boundary}`);
  // The first delimiter may start the body or follow a preamble line.
  let first = -1;
  for (let at = indexOfBytes(bytes, dashBoundary); at !== -1; at = indexOfBytes(bytes, dashBoundary, at + 1)) {
    if (at === 0 || bytes[at - 1] === LF) {
      first = at;
      break;
    }
  }
  if (first === -1) {
    return {
      ok: false,
      error: `The boundary "${boundary}" from the Content-Type never starts a line in the body: the body does not match its declared boundary.`,
      parts: [],
      boundary,
    };
  }
  if (first > 0) warnings.push(`${first} bytes of preamble before the first boundary were skipped.`);

  // Most senders use CRLF; tolerate bare LF consistently if that is what the first line uses.
  const lineEnd = endOfLine(bytes, first + dashBoundary.length);
  const bareLf = lineEnd !== -1 && bytes[lineEnd - 2] !== CR;
  const delimiter = asciiBytes(`${bareLf ? "\n" : "\r\n"}--${boundary}`);
  const parts: MultipartPart[] = [];
  let cursor = first + dashBoundary.length;

  while (true) {
    if (bytes[cursor] === DASH && bytes[cursor + 1] === DASH) {
      return { ok: true, parts, boundary, warnings };
    }
    const afterLine = endOfLine(bytes, cursor);
    if (afterLine === -1) {
      return truncated(parts, boundary, "The body ends right after a boundary line, before the closing boundary.");
    }
    const partStart = afterLine;
    const next = findDelimiter(bytes, delimiter, Math.max(0, partStart - (bareLf ? 1 : 2)));
    const bodyEnd = next === -1 ? bytes.length : next;
    const part = readPart(bytes, partStart, bodyEnd, bareLf, next === -1);
    parts.push(part);
    if (next === -1) {
      return truncated(parts, boundary, `The body ends before the closing boundary "--${boundary}--": the last part is incomplete.`);
    }
    cursor = next + delimiter.length;
  }
}

/** A delimiter counts only when followed by `--`, padding and a line break, or the end of the body. */
function findDelimiter(bytes: Uint8Array, delimiter: Uint8Array, from: number): number {
  for (let at = indexOfBytes(bytes, delimiter, from); at !== -1; at = indexOfBytes(bytes, delimiter, at + 1)) {
    let k = at + delimiter.length;
    if (k >= bytes.length || (bytes[k] === DASH && bytes[k + 1] === DASH)) return at;
    while (bytes[k] === 0x20 || bytes[k] === 0x09) k++;
    if (k >= bytes.length || bytes[k] === LF || (bytes[k] === CR && (k + 1 >= bytes.length || bytes[k + 1] === LF))) return at;
  }
  return -1;
}

function truncated(parts: MultipartPart[], boundary: string, error: string): MultipartResult {
  return { ok: false, error, parts, boundary };
}

/** Index just past the next line break at or after `from` (skipping transport padding), or -1. */
function endOfLine(bytes: Uint8Array, from: number): number {
  const lf = bytes.indexOf(LF, from);
  return lf === -1 ? -1 : lf + 1;
}

function readPart(bytes: Uint8Array, start: number, end: number, bareLf: boolean, cut: boolean): MultipartPart {
  const blank = asciiBytes(bareLf ? "\n\n" : "\r\n\r\n");
  // A part with no headers starts with the blank line itself.
  const noHeaders = bytes[start] === (bareLf ? LF : CR) && (bareLf || bytes[start + 1] === LF);
  const split = noHeaders ? start : indexOfBytes(bytes, blank, start);
  const headerEnd = split === -1 || split > end ? end : split;
  const bodyStart = split === -1 || split > end ? end : noHeaders ? start + (bareLf ? 1 : 2) : split + blank.length;
  const headerText = decodeUtf8(bytes.subarray(start, headerEnd));
  const headers = parseHeaderLines(headerText.ok ? headerText.text : headerText.lossy);
  const disposition = headerValue(headers, "content-disposition");
  const dispositionParams = parseMediaType(disposition ? `x/x;${disposition.slice(disposition.indexOf(";") + 1)}` : null).params;
  const filename = decodeFilenameStar(dispositionParams.get("filename*")) ?? dispositionParams.get("filename") ?? null;
  const contentType = headerValue(headers, "content-type");
  const body = bytes.subarray(bodyStart, Math.max(bodyStart, end));
  const textual = filename === null && (contentType === null || /^text\/|json|xml|x-www-form-urlencoded/i.test(contentType));
  const decoded = textual ? decodeUtf8(body) : null;
  return {
    headers,
    name: dispositionParams.get("name") ?? null,
    filename,
    contentType,
    body,
    text: decoded?.ok ? decoded.text : null,
    offset: bodyStart,
    truncated: cut || split === -1 || split > end,
  };
}

function parseHeaderLines(text: string): [string, string][] {
  const headers: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === "") continue;
    // Obsolete line folding: a continuation belongs to the previous header.
    const last = headers.at(-1);
    if ((line.startsWith(" ") || line.startsWith("\t")) && last) {
      last[1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    headers.push(colon === -1 ? [line, ""] : [line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return headers;
}

function headerValue(headers: readonly [string, string][], name: string): string | null {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
}

/** RFC 5987 `UTF-8''na%C3%AFve.txt`; null when absent or unreadable. */
function decodeFilenameStar(value: string | undefined): string | null {
  if (!value) return null;
  const match = /^([\w!#$%&+^`{}~-]*)'[^']*'(.*)$/.exec(value);
  if (!match) return null;
  try {
    return decodeURIComponent(match[2] ?? "");
  } catch {
    return null;
  }
}
