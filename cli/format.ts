import type { LocalOutcome } from "./local-target";

/** `12:03:04.123  POST   /stripe/events?x=1  → 200  14 ms  1.2 KB`: one line per delivery. */
export function deliveryLine(
  request: { method: string; path: string; query: string; size: number },
  outcome: LocalOutcome,
  note = "",
  at: Date = new Date(),
): string {
  const result = outcome.ok ? String(outcome.status) : `failed: ${outcome.error.message.replace(/\.$/, "")}${hint(outcome.error.code)}`;
  return `${clock(at)}  ${request.method.padEnd(6)} ${displayPath(request)}  → ${result}  ${Math.round(outcome.durationMs)} ms  ${formatBytes(request.size)}${note}`;
}

/** The captured subpath and query, as the target sees them below the --to URL. */
export function displayPath(request: { path: string; query: string }): string {
  const query = request.query.replace(/^\?/, "");
  return `${request.path === "" ? "/" : request.path}${query === "" ? "" : `?${query}`}`;
}

export function clock(at: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

function hint(code: string): string {
  if (code === "connection_refused") return " (target down?)";
  if (code === "timeout") return " (raise --timeout?)";
  return "";
}
