import type { RequestSummary } from "@/lib/api-types";
import type { SendResult } from "@/lib/outbound/send";

/** `12:03:04.123  POST   /stripe/events?x=1  → 200  14 ms`: one line per delivery. */
export function deliveryLine(summary: RequestSummary, result: SendResult, at: Date = new Date()): string {
  const outcome = result.ok ? String(result.status) : `failed: ${result.error.message.replace(/\.$/, "")}${hint(result.error.code)}`;
  return `${clock(at)}  ${summary.method.padEnd(6)} ${displayPath(summary)}  → ${outcome}  ${Math.round(result.durationMs)} ms`;
}

/** The captured subpath and query, as the target sees them below the --to URL. */
export function displayPath(summary: Pick<RequestSummary, "path" | "query">): string {
  const query = summary.query.replace(/^\?/, "");
  return `${summary.path === "" ? "/" : summary.path}${query === "" ? "" : `?${query}`}`;
}

export function clock(at: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
}

function hint(code: string): string {
  if (code === "connection_refused") return " (target down?)";
  if (code === "timeout") return " (raise --timeout?)";
  return "";
}
