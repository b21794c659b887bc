/**
 * Token buckets keyed by bin and by source address, so that one noisy sender cannot starve the
 * others. In memory and per process: with several instances each enforces its own share.
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    /** Tokens added per second; 0 turns the limit off. */
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** 0 when the call may proceed (and is counted), else the seconds to wait before retrying. */
  take(key: string, now: number = Date.now()): number {
    if (this.perSecond <= 0) return 0;
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond);
    bucket.updatedAt = now;
    if (!this.buckets.has(key)) this.remember(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  // Full buckets carry no information: dropping the oldest keys bounds memory under address floods.
  private remember(key: string, bucket: { tokens: number; updatedAt: number }): void {
    if (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    this.buckets.set(key, bucket);
  }
}
