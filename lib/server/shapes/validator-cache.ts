/**
 * The compiled owner schemas kept between learner batches: least recently used goes first, and one
 * bin may hold at most `perBin` of them, so a bin that keeps replacing its schemas (bins are
 * anonymous) evicts only its own validators, never other bins'. Entries are bounded by their
 * estimated bytes too (`maxBytes`, a bin at most half of it): a validator of a large schema holds
 * megabytes, so a count alone would let a few bins pin a lot of memory.
 *
 * Entries are keyed by schema id and remember their version: a new version replaces the old one's
 * entry (a superseded version is not read again), so cycling versions of one type takes one slot.
 */
export class ValidatorCache<V> {
  /** Iteration order is recency order: the first entry is the least recently used. */
  private readonly entries = new Map<string, { binId: string; version: number; value: V; bytes: number }>();
  private totalBytes = 0;
  private readonly binBytes = new Map<string, number>();
  /** Each bin's schema ids, also in recency order. */
  private readonly byBin = new Map<string, Set<string>>();

  constructor(
    readonly capacity: number,
    readonly perBin: number,
    readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {
    if (perBin < 1 || perBin > capacity) throw new RangeError(`perBin must be within 1..${capacity}`);
  }

  get(id: string, version: number): V | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined || entry.version !== version) return undefined;
    this.touch(id, entry);
    return entry.value;
  }

  /** `bytes`: what the entry is estimated to hold; one larger than a bin's byte share is not kept. */
  set(binId: string, id: string, version: number, value: V, bytes = 0): void {
    this.remove(id);
    if (bytes > this.maxBytes / 2) return;
    const own = this.byBin.get(binId);
    if (own !== undefined && own.size >= this.perBin) this.remove(own.values().next().value!);
    else if (this.entries.size >= this.capacity) this.remove(this.entries.keys().next().value!);
    // Within the bin's half first, so a bin of large schemas gives up its own before anyone else's.
    while ((this.binBytes.get(binId) ?? 0) + bytes > this.maxBytes / 2) this.remove(this.byBin.get(binId)!.values().next().value!);
    while (this.totalBytes + bytes > this.maxBytes) this.remove(this.entries.keys().next().value!);
    this.entries.set(id, { binId, version, value, bytes });
    this.totalBytes += bytes;
    this.binBytes.set(binId, (this.binBytes.get(binId) ?? 0) + bytes);
    // Looked up again: the eviction above may have removed the bin's last entry, and its set.
    const ids = this.byBin.get(binId);
    if (ids === undefined) this.byBin.set(binId, new Set([id]));
    else ids.add(id);
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  sizeOf(binId: string): number {
    return this.byBin.get(binId)?.size ?? 0;
  }

  private touch(id: string, entry: { binId: string; version: number; value: V; bytes: number }): void {
    this.entries.delete(id);
    this.entries.set(id, entry);
    const own = this.byBin.get(entry.binId)!;
    own.delete(id);
    own.add(id);
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    this.totalBytes -= entry.bytes;
    const left = this.binBytes.get(entry.binId)! - entry.bytes;
    if (left > 0) this.binBytes.set(entry.binId, left);
    else this.binBytes.delete(entry.binId);
    const own = this.byBin.get(entry.binId)!;
    own.delete(id);
    if (own.size === 0) this.byBin.delete(entry.binId);
  }
}
