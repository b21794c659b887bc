/**
 * Group commit: items handed in while a write is running are written together by the next one, so
 * one transaction carries many captures and each caller still learns when *its* item is committed.
 * `writeBatch` answers per item, with its result or the Error that item failed with; if it throws,
 * the batch is retried item by item, so one bad item fails only its own caller.
 *
 * `inFlight()` says how many batches may be written at once (read at each start, so it may follow a
 * store opened later). One suits a synchronous store (SQLite: the write blocks the event loop anyway).
 * A store bound by round trips (PostgreSQL) overlaps the next batch's connection and BEGIN with the
 * current one's work; the store itself keeps what must stay ordered (numbering, see pg-store.ts).
 */
export class BatchWriter<T, R> {
  private queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<(R | Error)[]>,
    private readonly maxBatch = 256,
    private readonly inFlight: () => number = () => 1,
  ) {}

  /** Resolves with the item's result once it is committed; rejects with its error. */
  write(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Starts a batch on the next turn, unless one is due already or all slots are busy (a finishing batch calls this again). */
  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.running >= Math.max(1, this.inFlight())) return;
    this.scheduled = true;
    // Let the requests that arrive in this same turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      if (this.queue.length === 0 || this.running >= Math.max(1, this.inFlight())) return;
      this.running++;
      void this.writeOne(this.queue.splice(0, this.maxBatch)).finally(() => {
        this.running--;
        this.schedule();
      });
      this.schedule();
    });
  }

  private async writeOne(batch: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[]): Promise<void> {
    try {
      const results = await this.writeBatch(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => settle(entry, results[i]));
    } catch (batchError) {
      if (batch.length === 1) {
        batch[0]!.reject(batchError);
        return;
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
}

function settle<R>(entry: { resolve: (result: R) => void; reject: (error: unknown) => void }, result: R | Error | undefined): void {
  if (result instanceof Error) entry.reject(result);
  else if (result === undefined) entry.reject(new Error("batch write returned no result for an item"));
  else entry.resolve(result);
}
