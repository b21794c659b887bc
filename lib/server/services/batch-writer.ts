/**
 * Group commit: items handed in while a write is running are written together by the next one, so
 * one transaction carries many captures and each caller still learns when *its* item is committed.
 * `writeBatch` answers per item, with its result or the Error that item failed with; if it throws,
 * the batch is retried item by item, so one bad item fails only its own caller.
 */
export class BatchWriter<T, R> {
  private queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<(R | Error)[]>,
    private readonly maxBatch = 256,
  ) {}

  /** Resolves with the item's result once it is committed; rejects with its error. */
  write(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the requests that arrive in this same turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await this.writeBatch(batch.map((entry) => entry.item));
        batch.forEach((entry, i) => settle(entry, results[i]));
      } catch (batchError) {
        if (batch.length === 1) {
          batch[0]!.reject(batchError);
          continue;
        }
        for (const entry of batch) {
          try {
            settle(entry, (await this.writeBatch([entry.item]))[0]);
          } catch (error) {
            entry.reject(error);
          }
        }
      }
    }
    this.running = false;
  }
}

function settle<R>(entry: { resolve: (result: R) => void; reject: (error: unknown) => void }, result: R | Error | undefined): void {
  if (result instanceof Error) entry.reject(result);
  else if (result === undefined) entry.reject(new Error("batch write returned no result for an item"));
  else entry.resolve(result);
}
