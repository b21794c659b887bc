// Turning captured body bytes into something readable, without ever interpreting them as markup.

/** Bytes shown in the hex view; the rest is available through "download raw". */
export const HEX_PREVIEW_BYTES = 64 * 1024;
/** Text shown inline; longer bodies are cut with a note (a multi-megabyte <pre> freezes the tab). */
export const TEXT_PREVIEW_CHARS = 1024 * 1024;
/** Above this the JSON view is formatted but not coloured: one span per token gets expensive. */
export const JSON_HIGHLIGHT_CHARS = 200 * 1024;

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** `hexdump -C` layout: offset, 16 bytes in two groups of 8, printable ASCII between bars. */
export function hexDump(bytes: Uint8Array, limit = HEX_PREVIEW_BYTES): string {
  const end = Math.min(bytes.length, limit);
  const lines: string[] = [];
  for (let offset = 0; offset < end; offset += 16) {
    let hex = "";
    let ascii = "";
    for (let k = 0; k < 16; k++) {
      if (k === 8) hex += " ";
      const i = offset + k;
      if (i < end) {
        const b = bytes[i] ?? 0;
        hex += `${HEX[b]} `;
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
      } else {
        hex += "   ";
      }
    }
    lines.push(`${offset.toString(16).padStart(8, "0")}  ${hex} |${ascii}|`);
  }
  return lines.join("\n");
}

export function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || type.endsWith("+json") || type === "text/json";
}

/** True when the text is a JSON object or array (scalars are left as plain text). */
export function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  if (first !== "{" && first !== "[") return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const JSON_WS = new Set([" ", "\t", "\n", "\r"]);

/**
 * Re-indents JSON text without parsing it into values. JSON.parse + stringify would round big
 * numbers (12345678901234567890), drop duplicate keys and rewrite escapes; a webhook inspector
 * has to show what was sent. Input must already be valid JSON.
 */
export function formatJson(text: string, indent = "  "): string {
  let out = "";
  let depth = 0;
  let i = 0;
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
      // number, true, false, null: copied as written
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
