/**
 * Bounds the work capture has accepted but not finished (bodies being read or waiting for their
 * commit), so that more load than the database can take is answered 503 at once instead of queuing
 * without bound in memory.
 */
export class CaptureAdmission {
  private requests = 0;
  private bytes = 0;

  constructor(
    private readonly maxRequests: number,
    private readonly maxBytes: number,
  ) {}

  /** Takes a slot for one request; false when full. Each true must be matched by `leave`. */
  enter(): boolean {
    if (this.requests >= this.maxRequests) return false;
    this.requests++;
    return true;
  }

  /** Counts body bytes as they arrive; false when they would pass the byte budget. */
  reserve(bytes: number): boolean {
    if (this.bytes + bytes > this.maxBytes) return false;
    this.bytes += bytes;
    return true;
  }

  leave(bytes: number): void {
    this.requests--;
    this.bytes -= bytes;
  }

  get load(): { requests: number; bytes: number } {
    return { requests: this.requests, bytes: this.bytes };
  }
}
