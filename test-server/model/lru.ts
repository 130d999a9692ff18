/**
 * A least-recently-used cache bounded by the bytes its values hold (as they report them, and
 * re-measured when stored again, since a conversation's chain grows after it is stored).
 * Reading an entry only marks it used, and eviction gives a used entry a second chance (moves it
 * to the newest end) before it takes one out: moving every entry read to the end of the map
 * cost more than the read itself when a request reads a hundred messages' entries.
 */
export class LruBytes<K, V extends { readonly bytes: number }> {
  private readonly entries = new Map<K, { value: V; bytes: number; used: boolean }>();
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
    entry.used = true;
    return entry.value;
  }

  /**
   * Stores (or re-stores, re-measured) a value as the most recently used, then evicts. A
   * different value stored under a key the cache holds evicts the one it replaces.
   */
  set(key: K, value: V): void {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.total -= old.bytes;
      this.entries.delete(key);
      if (old.value !== value) this.onEvict(key, old.value);
    }
    const bytes = value.bytes;
    this.entries.set(key, { value, bytes, used: false });
    this.total += bytes;
    this.evict(key);
  }

  private evict(keep: K): void {
    for (const [key, entry] of this.entries) {
      if (this.total <= this.limit) return;
      if (key === keep) continue;
      this.entries.delete(key);
      if (entry.used) {
        entry.used = false;
        this.entries.set(key, entry);
        continue;
      }
      this.total -= entry.bytes;
      this.onEvict(key, entry.value);
    }
  }
}
