// A captured request as a command that sends it again: curl, HTTPie or JavaScript fetch. Headers
// go out in the received order with duplicates; the body byte for byte (binary ones via a file).
import { shellQuote } from "./curl";

export type SnippetKind = "curl" | "httpie" | "fetch";

export interface SnippetRequest {
  method: string;
  url: string;
  headers: readonly (readonly [string, string])[];
  /** Bytes in the body; 0 when there is none. */
  bodySize: number;
  /** The body as text when it is valid UTF-8 and at hand (bodies over 2 MiB are not in the detail); else null, and the body goes through a file. */
  bodyText: string | null;
}

export interface Snippet {
  code: string;
  /** The body must be saved next to the command under this name (binary or very large bodies). */
  bodyFile: string | null;
  /** Headers left out because the tool sets them itself from the URL and the body. */
  skipped: string[];
  /** What this tool cannot reproduce exactly, in words. */
  caveats: string[];
}

export const BODY_FILE = "body.bin";
/** Text bodies above this go through a file too: a 5 MB shell argument is no use to anyone. */
const INLINE_TEXT_LIMIT = 64 * 1024;

/** Set by the client from the URL and the body; sending the captured values would be wrong or refused. */
const DERIVED = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive", "proxy-connection", "upgrade", "te", "trailer", "expect"]);

/** A plain token (an HTTP method, usually) as is; anything else quoted. */
const shellWord = (value: string) => (/^[A-Za-z0-9_-]+$/.test(value) ? value : shellQuote(value));

function partition(headers: SnippetRequest["headers"]) {
  const kept: (readonly [string, string])[] = [];
  const skipped: string[] = [];
  for (const pair of headers) {
    if (DERIVED.has(pair[0].toLowerCase())) skipped.push(pair[0]);
    else kept.push(pair);
  }
  return { kept, skipped };
}

const has = (headers: readonly (readonly [string, string])[], name: string) => headers.some(([n]) => n.toLowerCase() === name);
const hasBody = (request: SnippetRequest) => request.bodySize > 0;
const inlineText = (request: SnippetRequest) =>
  request.bodyText !== null && !request.bodyText.includes("\0") && request.bodyText.length <= INLINE_TEXT_LIMIT ? request.bodyText : null;

export function buildSnippet(kind: SnippetKind, request: SnippetRequest): Snippet {
  switch (kind) {
    case "curl":
      return curl(request);
    case "httpie":
      return httpie(request);
    case "fetch":
      return fetchSnippet(request);
  }
}

function curl(request: SnippetRequest): Snippet {
  const { kept, skipped } = partition(request.headers);
  const lines: string[] = [];
  // curl expands [] and {} in URLs as globs unless told not to.
  const glob = /[[\]{}]/.test(request.url) ? "--globoff " : "";
  lines.push(`curl ${glob}-X ${shellWord(request.method)} ${shellQuote(request.url)}`);
  // An empty value needs `Name;`: curl reads `Name:` as "remove this header".
  for (const [name, value] of kept) lines.push(`-H ${shellQuote(value === "" ? `${name};` : `${name}: ${value}`)}`);
  // curl adds these on its own; an empty `Name:` stops it when the original request had none.
  for (const name of ["User-Agent", "Accept"]) if (!has(kept, name.toLowerCase())) lines.push(`-H ${shellQuote(`${name}:`)}`);
  let bodyFile: string | null = null;
  if (hasBody(request)) {
    if (!has(kept, "content-type")) lines.push(`-H ${shellQuote("Content-Type:")}`);
    const text = inlineText(request);
    // --data-raw, unlike -d, never treats a leading @ as a file name and sends newlines as they are.
    if (text !== null) lines.push(`--data-raw ${shellQuote(text)}`);
    else {
      bodyFile = BODY_FILE;
      lines.push(`--data-binary @${BODY_FILE}`);
    }
  }
  return { code: lines.join(" \\\n  "), bodyFile, skipped, caveats: [] };
}

function httpie(request: SnippetRequest): Snippet {
  const { kept, skipped } = partition(request.headers);
  const caveats: string[] = [];
  const text = hasBody(request) ? inlineText(request) : null;
  const fromFile = hasBody(request) && text === null;
  const args = ["http"];
  // Without --ignore-stdin HTTPie reads a body from a pipe it may not have been given.
  if (!fromFile) args.push("--ignore-stdin");
  if (text !== null) args.push(`--raw ${shellQuote(text)}`);
  args.push(shellWord(request.method), shellQuote(request.url));
  for (const [name, value] of kept) {
    if (/\\[:=@;]/.test(value)) caveats.push(`HTTPie reads "\\" before : = @ ; as an escape, so ${name} may not be sent exactly.`);
    args.push(shellQuote(value === "" ? `${name};` : `${name}:${value}`));
  }
  // HTTPie's own defaults, removed when the captured request did not send them.
  for (const name of ["User-Agent", "Accept", "Accept-Encoding"]) if (!has(kept, name.toLowerCase())) args.push(shellQuote(`${name}:`));
  if (hasBody(request) && !has(kept, "content-type")) args.push(shellQuote("Content-Type:"));
  if (fromFile) args.push(`< ${BODY_FILE}`);
  return { code: args.join(" \\\n  "), bodyFile: fromFile ? BODY_FILE : null, skipped, caveats };
}

function fetchSnippet(request: SnippetRequest): Snippet {
  const { kept, skipped } = partition(request.headers);
  const caveats: string[] = [];
  const names = new Set<string>();
  for (const [name] of kept) {
    const lower = name.toLowerCase();
    if (names.has(lower) && lower !== "set-cookie") {
      caveats.push(`fetch joins repeated ${name} headers into one, comma-separated.`);
      break;
    }
    names.add(lower);
  }
  if (hasBody(request) && /^(GET|HEAD)$/i.test(request.method))
    caveats.push(`fetch refuses a body on ${request.method.toUpperCase()}; use curl or HTTPie for this one.`);
  const headers = kept.map(([name, value]) => `    [${JSON.stringify(name)}, ${JSON.stringify(value)}],`);
  const text = hasBody(request) ? inlineText(request) : null;
  let bodyFile: string | null = null;
  let prelude = "";
  let body: string | null = null;
  if (text !== null) body = JSON.stringify(text);
  else if (hasBody(request)) {
    bodyFile = BODY_FILE;
    prelude = `// Node.js: the body is read from ${BODY_FILE}, downloaded beside this script.\nimport { readFile } from "node:fs/promises";\n\n`;
    body = `await readFile(${JSON.stringify(BODY_FILE)})`;
  }
  const lines = [
    `${prelude}const response = await fetch(${JSON.stringify(request.url)}, {`,
    `  method: ${JSON.stringify(request.method)},`,
    kept.length > 0 ? `  headers: [\n${headers.join("\n")}\n  ],` : null,
    body !== null ? `  body: ${body},` : null,
    "});",
    "console.log(response.status, await response.text());",
  ].filter((line): line is string => line !== null);
  return { code: lines.join("\n"), bodyFile, skipped, caveats };
}
