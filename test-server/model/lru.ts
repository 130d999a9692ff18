/**
 * A least-recently-used cache bounded by the bytes its values hold (as they report them, and
 * re-measured when touched, since a conversation's chain grows after it is stored).
 */
export class LruBytes<K, V extends { readonly bytes: number }> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private total = 0;

  constructor(
    readonly limit: number,
    private readonly onEvict: (key: K, value: V) => void = () => {},
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores (or re-stores, re-measured) a value as the most recently used, then evicts. */
  set(key: K, value: V): void {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.total -= old.bytes;
      this.entries.delete(key);
    }
    const bytes = value.bytes;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    this.evict(key);
  }

  private evict(keep: K): void {
    for (const [key, entry] of this.entries) {
      if (this.total <= this.limit) return;
      if (key === keep) continue;
      this.entries.delete(key);
      this.total -= entry.bytes;
      this.onEvict(key, entry.value);
    }
  }
}
