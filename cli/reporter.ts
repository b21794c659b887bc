import type { ForwarderReport } from "@/lib/shared/api-types";
import { ApiError, type BinApi } from "./api";
import { untilDone } from "./retry";

// Reports go in batches: one POST per this many, or per this long, whichever comes first.
const MAX_BATCH = 200;
const WINDOW_MS = 50;

interface Queued {
  report: ForwarderReport;
  /** The cursor once this delivery was done: a batch sends the cursor of its last report. */
  cursor: number | null;
}

/**
 * Sends delivery reports to the server in batches, in order, retrying through server restarts.
 * Each report has a key the server stores once, so a batch retried after a timeout (it may have
 * landed) is never stored twice. A report someone waits for (a sender held by --respond, an
 * inspector send) goes at once.
 */
export class Reporter {
  private readonly queue: Queued[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sending = false;
  private stopped = false;
  private drainedWaiters: (() => void)[] = [];

  constructor(
    private readonly api: BinApi,
    private readonly forwarder: string,
    private readonly notice: (message: string) => void,
  ) {}

  add(report: ForwarderReport, cursor: number | null, urgent: boolean): void {
    this.queue.push({ report, cursor });
    if (urgent || this.queue.length >= MAX_BATCH) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), WINDOW_MS);
  }

  /** Waits up to `timeoutMs` for every report to be sent; returns how many are still unsent. */
  async flush(timeoutMs: number): Promise<number> {
    this.kick();
    if (this.queue.length > 0 || this.sending) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.drainedWaiters.push(resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    }
    this.stopped = true;
    return this.queue.length;
  }

  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.sending || this.queue.length === 0) return;
    this.sending = true;
    void this.sendAll().finally(() => {
      this.sending = false;
      if (this.queue.length > 0 && !this.stopped) this.kick();
      else if (this.queue.length === 0) this.drainedWaiters.splice(0).forEach((resolve) => resolve());
    });
  }

  private async sendAll(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, MAX_BATCH);
      try {
        await untilDone(() => this.api.postReports(this.forwarder, { cursor: batch.at(-1)!.cursor, reports: batch.map((item) => item.report) }), {
          stopped: () => this.stopped,
        });
      } catch (error) {
        if (this.stopped) return;
        // A refused batch (the forwarder was deleted, a report the server will not take) cannot be fixed by waiting.
        this.notice(`Could not report ${batch.length} deliveries to the inspector: ${error instanceof ApiError ? error.message : String(error)}`);
      }
      this.queue.splice(0, batch.length);
    }
  }
}
