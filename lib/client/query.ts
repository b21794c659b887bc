/** Query parameters decoded, in order, duplicates kept (`a=1&a=2` is two entries). */
export function parseQuery(query: string): [string, string][] {
  const raw = query.startsWith("?") ? query.slice(1) : query;
  if (!raw) return [];
  // URLSearchParams keeps order and duplicates, decodes `+` as space and leaves bad escapes as is.
  return [...new URLSearchParams(raw)];
}
