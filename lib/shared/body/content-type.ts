// Media type parsing (RFC 9110 §8.3.1) for choosing a body view. Lenient: a webhook sender's
// Content-Type is often slightly wrong, and a view is still better than none.

export interface MediaType {
  /** `type/subtype`, lower-cased; "" when the header is missing or unreadable. */
  essence: string;
  /** Parameter names lower-cased; values unquoted, case kept (boundaries are case-sensitive). */
  params: Map<string, string>;
}

export function parseMediaType(header: string | null | undefined): MediaType {
  const params = new Map<string, string>();
  if (!header) return { essence: "", params };
  const semi = header.indexOf(";");
  const essence = (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
  let i = semi === -1 ? header.length : semi + 1;
  while (i < header.length) {
    while (i < header.length && (header[i] === " " || header[i] === "\t" || header[i] === ";")) i++;
    const eq = header.indexOf("=", i);
    const nextSemi = header.indexOf(";", i);
    if (eq === -1 || (nextSemi !== -1 && nextSemi < eq)) {
      i = nextSemi === -1 ? header.length : nextSemi + 1;
      continue;
    }
    const name = header.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    let value = "";
    if (header[i] === '"') {
      i++;
      while (i < header.length && header[i] !== '"') {
        if (header[i] === "\\" && i + 1 < header.length) i++;
        value += header[i];
        i++;
      }
      i++;
      const after = header.indexOf(";", i);
      i = after === -1 ? header.length : after + 1;
    } else {
      const end = header.indexOf(";", i);
      value = header.slice(i, end === -1 ? header.length : end).trim();
      i = end === -1 ? header.length : end + 1;
    }
    // The first occurrence wins, as in browsers' MIME type parsing.
    if (name && !params.has(name)) params.set(name, value);
  }
  return { essence, params };
}

export function isJsonType(essence: string): boolean {
  return essence === "application/json" || essence === "text/json" || essence.endsWith("+json");
}

export function isXmlType(essence: string): boolean {
  return essence === "application/xml" || essence === "text/xml" || (essence.endsWith("+xml") && essence !== "image/svg+xml");
}

export function isFormType(essence: string): boolean {
  return essence === "application/x-www-form-urlencoded";
}

export function isMultipartType(essence: string): boolean {
  return essence.startsWith("multipart/");
}

/** Types whose source is markup a browser would execute if rendered: always shown as text. */
export function isActiveMarkupType(essence: string): boolean {
  return essence === "text/html" || essence === "application/xhtml+xml" || essence === "image/svg+xml";
}
