// application/x-www-form-urlencoded, decoded for reading only: fields in order, duplicates kept,
// nothing re-encoded. The raw pair stays next to each decoded one.
import { asciiBytes } from "./bytes";
import { decodeUtf8 } from "./utf8";

export interface FormField {
  name: string;
  value: string;
  /** The pair as it appeared in the body, before decoding. */
  raw: string;
  /** `name` without `=`: a flag, distinct from `name=` with an empty value. */
  hasValue: boolean;
  /** What went wrong decoding this pair, if anything (bad % escape, invalid UTF-8). */
  problems: string[];
}

export function parseForm(body: string): FormField[] {
  if (body === "") return [];
  return body.split("&").flatMap((raw) => {
    // `a=1&&b=2` and a trailing `&` carry no field.
    if (raw === "") return [];
    const eq = raw.indexOf("=");
    const rawName = eq === -1 ? raw : raw.slice(0, eq);
    const rawValue = eq === -1 ? "" : raw.slice(eq + 1);
    const problems: string[] = [];
    const name = decodeComponent(rawName, problems);
    const value = decodeComponent(rawValue, problems);
    return [{ name, value, raw, hasValue: eq !== -1, problems: [...new Set(problems)] }];
  });
}

/** `+` is a space; `%XX` are bytes of UTF-8. A malformed escape is kept literally, as browsers do. */
function decodeComponent(raw: string, problems: string[]): string {
  const text = raw.replace(/\+/g, " ");
  if (!text.includes("%")) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    // By code point, so a character outside the BMP is re-encoded whole.
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    if (ch.length === 2) i++;
    if (ch === "%" && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    if (ch === "%") problems.push(`"%${text.slice(i + 1, i + 3)}" is not a valid percent-escape (kept as written)`);
    for (const b of asciiBytes(ch)) bytes.push(b);
  }
  const decoded = decodeUtf8(Uint8Array.from(bytes));
  if (decoded.ok) return decoded.text;
  problems.push("percent-escapes decode to bytes that are not valid UTF-8 (shown with U+FFFD)");
  return decoded.lossy;
}
