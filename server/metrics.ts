import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual, createHash } from "node:crypto";
import { metrics } from "@/lib/server/metrics";
import { errorMessage } from "@/lib/shared/errors";

export function isMetricsUrl(url: string | undefined): boolean {
  return url === "/metrics" || (url?.startsWith("/metrics?") ?? false);
}

function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Prometheus text format for `Authorization: Bearer <METRICS_TOKEN>`; 401 otherwise. */
export async function handleMetrics(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "";
  if (!sameToken(given, token)) {
    res.writeHead(401, { "Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": 'Bearer realm="metrics"' });
    res.end("Metrics need Authorization: Bearer <METRICS_TOKEN>.\n");
    return;
  }
  try {
    const { registry } = metrics();
    const body = await registry.metrics();
    res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
    res.end(body);
  } catch (error) {
    res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
    res.end(`Metrics could not be collected: ${errorMessage(error)}\n`);
  }
}
