import type { RequestSummary } from "@/lib/api-types";

// Duplicates only come from the edge between a live event and a catch-up list, so remembering
// recent ids is enough; the cap keeps a long session's memory flat.
const REMEMBERED_IDS = 20_000;

/**
 * Requests waiting to be forwarded, in capture order, each at most once: whatever the live feed
 * and the catch-up lists offer, an id already queued (or delivered) is dropped.
 */
export class DeliveryQueue {
  private readonly waiting: RequestSummary[] = [];
  private readonly seen = new Set<string>();
  private wake: (() => void) | null = null;
  private newestId: string | null;

  constructor(
    /** The newest id already handled before this queue existed: catching up starts after it. */
    startAfter: string | null,
  ) {
    this.newestId = startAfter;
  }

  /** The newest id queued or delivered: what a re-join passes as `after`. */
  get newest(): string | null {
    return this.newestId;
  }

  get length(): number {
    return this.waiting.length;
  }

  /** Queues the requests not seen before, in the order given; returns how many were new. */
  push(summaries: readonly RequestSummary[]): number {
    let added = 0;
    for (const summary of summaries) {
      if (this.seen.has(summary.id)) continue;
      this.remember(summary.id);
      this.waiting.push(summary);
      if (this.newestId === null || summary.id > this.newestId) this.newestId = summary.id;
      added++;
    }
    if (added > 0) this.wake?.();
    return added;
  }

  /** Drops a request deleted in the inspector before its turn came. */
  remove(requestId: string): void {
    const index = this.waiting.findIndex((summary) => summary.id === requestId);
    if (index !== -1) this.waiting.splice(index, 1);
  }

  /** Drops everything waiting, as when the bin was cleared; the ids stay remembered. */
  clear(): void {
    this.waiting.length = 0;
  }

  /** The next request to deliver, waiting for one if the queue is empty. */
  async next(): Promise<RequestSummary> {
    for (;;) {
      const head = this.waiting.shift();
      if (head) return head;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  private remember(id: string): void {
    this.seen.add(id);
    if (this.seen.size > REMEMBERED_IDS) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}
