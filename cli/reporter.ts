import { ApiError, type BinApi, type CliReport } from "./api";
import { untilDone } from "./retry";

/**
 * Sends delivery outcomes to the inspector in the background, in order, retrying through server
 * restarts, so a slow or absent server never holds up forwarding.
 */
export class Reporter {
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private stopped = false;

  constructor(
    private readonly api: BinApi,
    private readonly notice: (message: string) => void,
  ) {}

  report(requestId: string, report: CliReport): void {
    this.pending++;
    this.chain = this.chain.then(async () => {
      try {
        await untilDone(() => this.api.reportDelivery(requestId, report), { stopped: () => this.stopped });
      } catch (error) {
        // A request deleted meanwhile has nowhere to show its delivery; nothing else is expected here.
        if (!(error instanceof ApiError && error.status === 404)) {
          this.notice(`Could not report the delivery of ${requestId} to the inspector: ${error instanceof Error ? error.message : String(error)}`);
        }
      } finally {
        this.pending--;
      }
    });
  }

  /** Waits up to `timeoutMs` for outstanding reports; returns how many are still unsent. */
  async flush(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.chain, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    this.stopped = true;
    return this.pending;
  }
}
