import type { RequestDetail, RequestSummary } from "@/lib/api-types";
import { ApiError, type BinApi } from "./api";
import { deliver, toReport } from "./deliver";
import { deliveryLine, displayPath } from "./format";
import type { DeliveryQueue } from "./queue";
import type { Reporter } from "./reporter";
import { untilDone } from "./retry";

export interface WorkerOptions {
  api: BinApi;
  to: string;
  timeoutMs: number;
  /** Print only failed deliveries. */
  quiet: boolean;
  reporter: Reporter;
  line: (text: string) => void;
  notice: (text: string) => void;
  stopped: () => boolean;
}

/**
 * Forwards the queue's requests strictly one at a time: a webhook receiver may depend on the
 * order events were sent in, and the output reads as a log. Never returns.
 */
export async function forwardInOrder(queue: DeliveryQueue, options: WorkerOptions): Promise<never> {
  for (;;) {
    const summary = await queue.next();
    const detail = await fetchDetail(summary, options);
    if (!detail || options.stopped()) continue;
    const delivery = await deliver(detail, options.to, options.timeoutMs);
    // Stopped meanwhile: the process is exiting, and a line after the goodbye would confuse.
    if (options.stopped()) continue;
    if (!options.quiet || !delivery.result.ok) options.line(deliveryLine(summary, delivery.result));
    options.reporter.report(summary.id, toReport(delivery));
  }
}

/** The full request, waiting out server restarts; null when it was deleted before its turn. */
async function fetchDetail(summary: RequestSummary, options: WorkerOptions): Promise<RequestDetail | null> {
  const what = `${summary.method} ${displayPath(summary)}`;
  try {
    return await untilDone(() => options.api.getRequest(summary.id), {
      stopped: options.stopped,
      onOutage: (error) => options.notice(`Waiting for the server to fetch ${what}: ${error instanceof Error ? error.message : String(error)}`),
      onRecovered: () => options.notice(`The server answers again; forwarding ${what}.`),
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      options.notice(`Skipped ${what}: it was deleted before it could be forwarded.`);
      return null;
    }
    if (options.stopped()) return null;
    throw error;
  }
}
