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
