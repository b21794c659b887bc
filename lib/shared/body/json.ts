// A JSON parser that keeps what JSON.parse throws away: number text as written, duplicate keys,
// and where each value sits in the source, plus an error position a person can find.

export type JsonNode =
  | { kind: "object"; start: number; end: number; entries: JsonEntry[] }
  | { kind: "array"; start: number; end: number; items: JsonNode[] }
  | { kind: "string"; start: number; end: number; value: string }
  | { kind: "number"; start: number; end: number; raw: string; /** JSON.parse would change the value */ lossy: boolean }
  | { kind: "literal"; start: number; end: number; raw: "true" | "false" | "null" };

export interface JsonEntry {
  key: string;
  /** The same key appeared earlier in this object; JSON.parse would keep only the last. */
  duplicate: boolean;
  value: JsonNode;
}

export interface JsonSyntaxError {
  message: string;
  /** UTF-16 index into the text. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
}

export type JsonParseResult = { ok: true; root: JsonNode } | { ok: false; error: JsonSyntaxError };

/** Deeper nesting than this is refused rather than overflowing the stack of the tree view. */
export const MAX_JSON_DEPTH = 512;

class Failure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export function parseJson(text: string): JsonParseResult {
  let i = 0;
  const n = text.length;

  const describe = (at: number) => {
    if (at >= n) return "the end of the text";
    const ch = text[at] as string;
    const code = ch.charCodeAt(0);
    return code < 0x20 ? `control character U+${code.toString(16).padStart(4, "0").toUpperCase()}` : `'${ch}'`;
  };
  const skipWs = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
  };
  const expect = (ch: string, what: string) => {
    if (text[i] !== ch) throw new Failure(`Expected ${what} but found ${describe(i)}`, i);
    i++;
  };

  const parseString = (): string => {
    const start = i;
    i++;
    let out = "";
    let run = i;
    while (true) {
      if (i >= n) throw new Failure("Unterminated string", start);
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) throw new Failure(`Unescaped ${describe(i)} in string`, i);
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(run, i);
      const esc = text[i + 1];
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (esc !== undefined && esc in simple) {
        out += simple[esc];
        i += 2;
      } else if (esc === "u") {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Failure("Invalid \\u escape: expected 4 hex digits", i);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        throw new Failure(`Invalid escape \\${esc ?? ""} in string`, i);
      }
      run = i;
    }
    out += text.slice(run, i);
    i++;
    return out;
  };

  const parseNumber = (): JsonNode => {
    const start = i;
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else if (text[i] !== undefined && text[i]! >= "1" && text[i]! <= "9") while (text[i] !== undefined && text[i]! >= "0" && text[i]! <= "9") i++;
    else throw new Failure(`Invalid number: expected a digit but found ${describe(i)}`, i);
    if (text[i] === ".") {
      i++;
      if (!(text[i]! >= "0" && text[i]! <= "9")) throw new Failure(`Invalid number: expected a digit after '.' but found ${describe(i)}`, i);
      while (text[i]! >= "0" && text[i]! <= "9") i++;
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      if (!(text[i]! >= "0" && text[i]! <= "9")) throw new Failure(`Invalid number: expected an exponent digit but found ${describe(i)}`, i);
      while (text[i]! >= "0" && text[i]! <= "9") i++;
    }
    const raw = text.slice(start, i);
    return { kind: "number", start, end: i, raw, lossy: isLossy(raw) };
  };

  const parseValue = (depth: number): JsonNode => {
    if (depth > MAX_JSON_DEPTH) throw new Failure(`Nested deeper than ${MAX_JSON_DEPTH} levels`, i);
    skipWs();
    const start = i;
    const ch = text[i];
    if (ch === "{") {
      i++;
      const entries: JsonEntry[] = [];
      const seen = new Set<string>();
      skipWs();
      if (text[i] === "}") {
        i++;
        return { kind: "object", start, end: i, entries };
      }
      while (true) {
        skipWs();
        if (text[i] !== '"') throw new Failure(`Expected a property name in double quotes but found ${describe(i)}`, i);
        const key = parseString();
        skipWs();
        expect(":", "':' after the property name");
        const value = parseValue(depth + 1);
        entries.push({ key, duplicate: seen.has(key), value });
        seen.add(key);
        skipWs();
        if (text[i] === ",") {
          i++;
          continue;
        }
        expect("}", "',' or '}' in the object");
        return { kind: "object", start, end: i, entries };
      }
    }
    if (ch === "[") {
      i++;
      const items: JsonNode[] = [];
      skipWs();
      if (text[i] === "]") {
        i++;
        return { kind: "array", start, end: i, items };
      }
      while (true) {
        items.push(parseValue(depth + 1));
        skipWs();
        if (text[i] === ",") {
          i++;
          continue;
        }
        expect("]", "',' or ']' in the array");
        return { kind: "array", start, end: i, items };
      }
    }
    if (ch === '"') {
      const value = parseString();
      return { kind: "string", start, end: i, value };
    }
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) return parseNumber();
    for (const raw of ["true", "false", "null"] as const) {
      if (text.startsWith(raw, i)) {
        i += raw.length;
        return { kind: "literal", start, end: i, raw };
      }
    }
    throw new Failure(`Unexpected ${describe(i)}: expected a value`, i);
  };

  try {
    // A byte order mark is not JSON, but senders prepend it often enough to tolerate it.
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    const root = parseValue(0);
    skipWs();
    if (i < n) throw new Failure(`Unexpected ${describe(i)} after the end of the JSON value`, i);
    return { ok: true, root };
  } catch (err) {
    if (!(err instanceof Failure)) throw err;
    return { ok: false, error: { message: err.message, offset: err.offset, ...lineColumn(text, err.offset) } };
  }
}

/** True when a JavaScript number cannot hold the written value exactly (beyond double precision). */
function isLossy(raw: string): boolean {
  const value = Number(raw);
  if (!Number.isFinite(value)) return true;
  if (/^-?\d+$/.test(raw)) return !Number.isSafeInteger(value) && BigInt(raw) !== BigInt(value);
  // Decimals: lossy when the shortest round-trip form has fewer significant digits than written.
  const written = significantDigits(raw);
  const kept = significantDigits(String(value));
  return written.length > 17 || (written !== kept && written.replace(/0+$/, "") !== kept.replace(/0+$/, ""));
}

function significantDigits(numeric: string): string {
  const mantissa = numeric.replace(/^-/, "").split(/[eE]/)[0] ?? "";
  return mantissa.replace(".", "").replace(/^0+/, "") || "0";
}

/** JSONPath-style path of a child: `$.data.items[0]["odd key"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

const JSON_WS = new Set([" ", "\t", "\n", "\r"]);

/**
 * Re-indents JSON text without parsing it into values, so numbers, escapes and duplicate keys stay
 * exactly as written. Input must already be valid JSON.
 */
export function formatJson(text: string, indent = "  "): string {
  let out = "";
  let depth = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const newline = () => `\n${indent.repeat(depth)}`;
  while (i < n) {
    const ch = text[i] as string;
    if (ch === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (JSON_WS.has(ch)) {
      i++;
    } else if (ch === "{" || ch === "[") {
      const close = ch === "{" ? "}" : "]";
      let j = i + 1;
      while (j < n && JSON_WS.has(text[j] as string)) j++;
      if (text[j] === close) {
        out += ch + close;
        i = j + 1;
      } else {
        depth++;
        out += ch + newline();
        i++;
      }
    } else if (ch === "}" || ch === "]") {
      depth--;
      out += newline() + ch;
      i++;
    } else if (ch === ",") {
      out += `,${newline()}`;
      i++;
    } else if (ch === ":") {
      out += ": ";
      i++;
    } else {
      let j = i;
      while (j < n && !JSON_WS.has(text[j] as string) && !",:]}".includes(text[j] as string)) j++;
      out += text.slice(i, j);
      i = j;
    }
  }
  return out;
}

export type JsonTokenKind = "key" | "string" | "number" | "literal" | "plain";
export interface JsonToken {
  kind: JsonTokenKind;
  text: string;
}

const JSON_TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** Splits formatted JSON into coloured runs. The caller renders each as a text node. */
export function tokenizeJson(formatted: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  let last = 0;
  for (const match of formatted.matchAll(JSON_TOKEN)) {
    const index = match.index;
    if (index > last) tokens.push({ kind: "plain", text: formatted.slice(last, index) });
    const [whole, str, colon, literal] = match;
    if (str !== undefined) {
      tokens.push({ kind: colon ? "key" : "string", text: str });
      if (colon) tokens.push({ kind: "plain", text: colon });
    } else {
      tokens.push({ kind: literal !== undefined ? "literal" : "number", text: whole });
    }
    last = index + whole.length;
  }
  if (last < formatted.length) tokens.push({ kind: "plain", text: formatted.slice(last) });
  return tokens;
}
