/** Header pairs as stored: ordered, original case, duplicates kept. */
export type HeaderPairs = readonly (readonly [string, string])[];

/** Every value of a header, in order; names compare without case, as HTTP says. */
export function headerValues(headers: HeaderPairs, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [key, value] of headers) if (key.toLowerCase() === wanted) out.push(value);
  return out;
}

/** The first value of a header, or undefined when it is absent. */
export function headerValue(headers: HeaderPairs, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of headers) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * Header pairs from the JSON they are stored as. This app wrote them, so anything else is damage
 * to the row: it fails loudly rather than passing for a request without headers.
 */
export function parseHeaderPairs(json: string): [string, string][] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === "string" && typeof pair[1] === "string")) {
    throw new Error("stored headers are not [name, value] pairs");
  }
  return value as [string, string][];
}
