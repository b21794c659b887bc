interface Load {
  requests: number;
  bytes: number;
}

export type Admission = "admitted" | "full" | "address_full";

/**
 * Bounds the work capture has accepted but not finished (bodies being read or waiting for their
 * commit), so that more load than the database can take is answered 503 at once instead of queuing
 * without bound in memory. Each source address gets its own share, so one sender cannot take every
 * slot from the others; answers that wait on purpose (a delay or hold rule) are counted apart.
 */
export class CaptureAdmission {
  private readonly total: Load = { requests: 0, bytes: 0 };
  private readonly byAddress = new Map<string, Load>();
  private held = 0;

  constructor(private readonly limits: { requests: number; bytes: number; requestsPerAddress: number; bytesPerAddress: number; held: number }) {}

  /** Takes a slot for one request; each "admitted" must be matched by `leave`. */
  enter(address: string): Admission {
    if (this.total.requests >= this.limits.requests) return "full";
    const own = this.byAddress.get(address) ?? { requests: 0, bytes: 0 };
    if (own.requests >= this.limits.requestsPerAddress) return "address_full";
    own.requests++;
    this.total.requests++;
    this.byAddress.set(address, own);
    return "admitted";
  }

  /** Counts body bytes as they arrive; false when they would pass the global or the address's budget. */
  reserve(address: string, bytes: number): boolean {
    const own = this.byAddress.get(address);
    if (!own || this.total.bytes + bytes > this.limits.bytes || own.bytes + bytes > this.limits.bytesPerAddress) return false;
    own.bytes += bytes;
    this.total.bytes += bytes;
    return true;
  }

  leave(address: string, bytes: number): void {
    this.total.requests--;
    this.total.bytes -= bytes;
    const own = this.byAddress.get(address);
    if (!own) return;
    own.requests--;
    own.bytes -= bytes;
    if (own.requests <= 0) this.byAddress.delete(address);
  }

  /** Takes one of the places for answers held back on purpose; false when they are all taken. */
  hold(): boolean {
    if (this.held >= this.limits.held) return false;
    this.held++;
    return true;
  }

  release(): void {
    this.held--;
  }

  get load(): { requests: number; bytes: number; held: number } {
    return { requests: this.total.requests, bytes: this.total.bytes, held: this.held };
  }
}
