/**
 * Group commit: items handed in while a write is running are written together by the next one, so
 * one transaction carries many captures and each caller still learns when *its* item is committed.
 * A failed batch is retried item by item, so one bad item fails only its own caller.
 */
export class BatchWriter<T> {
  private queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<void>,
    private readonly maxBatch = 256,
  ) {}

  /** Resolves once the item is committed; rejects with the write's error. */
  write(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the requests that arrive in this same turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Items waiting for a write, the one in flight excluded. */
  get pending(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.writeBatch(batch.map((entry) => entry.item));
        for (const entry of batch) entry.resolve();
      } catch (batchError) {
        if (batch.length === 1) {
          batch[0]!.reject(batchError);
          continue;
        }
        for (const entry of batch) {
          try {
            await this.writeBatch([entry.item]);
            entry.resolve();
          } catch (error) {
            entry.reject(error);
          }
        }
      }
    }
    this.running = false;
  }
}
