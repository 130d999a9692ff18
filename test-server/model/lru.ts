/**
 * A cache bounded by the bytes its values hold (as they report them, and re-measured when stored
 * again, since a conversation's chain grows after it is stored), evicting by CLOCK: entries sit
 * in slots round a dial, reading one only marks it used, and a hand going round takes out the
 * first entry not used since it last passed, clearing the marks it passes. Nothing moves: a
 * least-recently-used list moved every entry read (or, as a second chance, every entry passed)
 * to its newest end, and a memo smaller than one long conversation's messages, all read by every
 * request, moved all of them on every request's first eviction.
 */
class Entry<K, V> {
  constructor(
    readonly key: K,
    public value: V,
    public bytes: number,
    public used: boolean,
    readonly slot: number,
  ) {}
}

export class LruBytes<K, V extends { readonly bytes: number }> {
  private readonly entries = new Map<K, Entry<K, V>>();
  /** The dial: an entry's place, or a free one (see `free`). */
  private readonly slots: (Entry<K, V> | undefined)[] = [];
  private readonly free: number[] = [];
  private hand = 0;
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
   * Stores a value, or re-stores one (re-measured, and marked used), then evicts. A new entry
   * takes the slot the hand last freed, just behind it: a whole turn before the hand comes back.
   * A different value stored under a key the cache holds evicts the one it replaces.
   */
  set(key: K, value: V): void {
    const bytes = value.bytes;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.total += bytes - old.bytes;
      const replaced = old.value;
      old.value = value;
      old.bytes = bytes;
      old.used = true;
      if (replaced !== value) this.onEvict(key, replaced);
    } else {
      const slot = this.free.pop() ?? this.slots.length;
      const entry = new Entry(key, value, bytes, false, slot);
      this.slots[slot] = entry;
      this.entries.set(key, entry);
      this.total += bytes;
    }
    this.evict(key);
  }

  private evict(keep: K): void {
    // Two turns of the hand clear every mark: past them only `keep` can be left.
    const slots = this.slots;
    for (let passed = 0; this.total > this.limit && passed < 2 * slots.length; passed++) {
      const entry = slots[this.hand];
      this.hand = this.hand + 1 === slots.length ? 0 : this.hand + 1;
      if (entry === undefined || entry.key === keep) continue;
      if (entry.used) {
        entry.used = false;
        continue;
      }
      slots[entry.slot] = undefined;
      this.free.push(entry.slot);
      this.entries.delete(entry.key);
      this.total -= entry.bytes;
      this.onEvict(entry.key, entry.value);
    }
  }
}
