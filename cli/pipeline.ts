/** One request frame to deliver; capture frames carry the sequence the cursor moves by. */
export interface Job {
  key: string;
  /** Set for captures (not replays or inspector sends): delivering it may move the cursor. */
  sequence: number | null;
  size: number;
}

// Past these, reading from the server pauses (its writes then wait); below half, it resumes.
const HIGH_WATER_JOBS = 1000;
const HIGH_WATER_BYTES = 64 * 1024 * 1024;

interface Tracked {
  sequence: number;
  done: boolean;
}

/**
 * Runs deliveries with at most `concurrency` in flight (1: strictly one after another, in capture
 * order) and keeps the cursor: the highest sequence below which every capture received is
 * delivered, whichever order they finished in.
 */
export class Pipeline<J extends Job> {
  private readonly waiting: J[] = [];
  private readonly order: Tracked[] = [];
  private readonly tracked = new Map<string, Tracked>();
  private inFlight = 0;
  private queuedBytes = 0;
  private high = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private watermarkValue: number | null = null;

  constructor(
    private readonly concurrency: number,
    /** Delivers one job; what it resolves with is handed to `done` with the cursor. */
    private readonly run: (job: J) => Promise<unknown>,
    private readonly done: (job: J, outcome: unknown, cursor: number | null) => void,
    /** Called with true when too much is waiting (stop reading), false when it has drained. */
    private readonly onPressure: (high: boolean) => void,
  ) {}

  get cursor(): number | null {
    return this.watermarkValue;
  }

  push(job: J): void {
    if (this.stopped) return;
    if (job.sequence !== null) {
      const entry = { sequence: job.sequence, done: false };
      this.order.push(entry);
      this.tracked.set(job.key, entry);
    }
    this.waiting.push(job);
    this.queuedBytes += job.size;
    this.pump();
    this.checkPressure();
  }

  /** Starts nothing new; resolves once what is in flight has finished. What waited is left for the next run. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.waiting.splice(0)) this.queuedBytes -= job.size;
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.inFlight++;
      void this.run(job).then(
        (outcome) => this.finish(job, outcome),
        (error: unknown) => this.finish(job, error),
      );
    }
  }

  private finish(job: J, outcome: unknown): void {
    this.inFlight--;
    this.queuedBytes -= job.size;
    const entry = this.tracked.get(job.key);
    if (entry) {
      entry.done = true;
      this.tracked.delete(job.key);
      while (this.order.length > 0 && this.order[0]!.done) this.watermarkValue = this.order.shift()!.sequence;
    }
    this.done(job, outcome, this.watermarkValue);
    if (this.inFlight === 0 && (this.stopped || this.waiting.length === 0)) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    this.pump();
    this.checkPressure();
  }

  private checkPressure(): void {
    const load = this.waiting.length + this.inFlight;
    if (!this.high && (load >= HIGH_WATER_JOBS || this.queuedBytes >= HIGH_WATER_BYTES)) {
      this.high = true;
      this.onPressure(true);
    } else if (this.high && load < HIGH_WATER_JOBS / 2 && this.queuedBytes < HIGH_WATER_BYTES / 2) {
      this.high = false;
      this.onPressure(false);
    }
  }
}
