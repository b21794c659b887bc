// Display formatting for sizes, times and request targets.

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB"] as const;
  let value = bytes / 1024;
  let unit: (typeof units)[number] = units[0];
  for (const next of units.slice(1)) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`;
}

/** "just now", "42s ago", "5m ago", "3h ago", "2d ago", then a date. */
export function formatRelativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 5) return "just now";
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ago`;
  const days = Math.floor(hours / 24);
  if (days < 7) return `${days}d ago`;
  return new Date(then).toLocaleDateString();
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Local wall-clock time with milliseconds: `2025-11-22 14:03:07.482`. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

/** `?a=1` whether the server stored the query with or without its question mark. */
export function queryWithMark(query: string): string {
  if (!query) return "";
  return query.startsWith("?") ? query : `?${query}`;
}

/** The sub-path after `/h/<binId>` as the server stores it ("" for the bare capture URL). */
export function subpath(path: string): string {
  return path || "/";
}

/** The request target as it appeared on the request line. */
export function requestTarget(path: string, query: string, binId: string): string {
  return `/h/${binId}${path}${queryWithMark(query)}`;
}

export function httpVersionLabel(version: string): string {
  return version.toUpperCase().startsWith("HTTP/") ? version : `HTTP/${version}`;
}
