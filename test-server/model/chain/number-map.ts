// A map from numbers to small integers, held in two typed arrays (open addressing): no object
// for its entries, so neither its lookups nor the garbage collector's marking walk any. The
// spoken runs of a conversation are ~100,000 entries of 52-bit keys in five maps; as Maps, every
// key was a heap number, and the maps a large share of what each collection had to trace.

/** Marks an empty slot: keys are never negative. */
const EMPTY = -1;
/** 2^26: a key is split in two halves below it for hashing (keys are integers below 2^52). */
const HALF = 0x4000000;

function slotOf(key: number, mask: number): number {
  const high = Math.floor(key / HALF);
  const low = key - high * HALF;
  return (Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> 7) & mask;
}

/** Integer keys of up to 52 bits (non-negative) to int32 values; entries are never removed. */
export class NumberMap {
  private keys: Float64Array;
  private values: Int32Array;
  private count = 0;

  constructor(capacity = 64) {
    [this.keys, this.values] = NumberMap.arrays(capacity);
  }

  /** Both arrays in one buffer: making a buffer costs about the same whatever its size. */
  private static arrays(capacity: number): [Float64Array, Int32Array] {
    const buffer = new ArrayBuffer(capacity * 12);
    const keys = new Float64Array(buffer, 0, capacity).fill(EMPTY);
    return [keys, new Int32Array(buffer, capacity * 8, capacity)];
  }

  get size(): number {
    return this.count;
  }

  private find(key: number): number {
    const mask = this.keys.length - 1;
    let slot = slotOf(key, mask);
    for (;;) {
      const found = this.keys[slot] as number;
      if (found === key || found === EMPTY) return slot;
      slot = (slot + 1) & mask;
    }
  }

  get(key: number): number | undefined {
    const slot = this.find(key);
    return this.keys[slot] === key ? this.values[slot] : undefined;
  }

  has(key: number): boolean {
    return this.keys[this.find(key)] === key;
  }

  set(key: number, value: number): void {
    let slot = this.find(key);
    if (this.keys[slot] !== key) {
      if ((this.count + 1) * 2 > this.keys.length) {
        this.grow();
        slot = this.find(key);
      }
      this.keys[slot] = key;
      this.count++;
    }
    this.values[slot] = value;
  }

  private grow(): void {
    const { keys, values } = this;
    [this.keys, this.values] = NumberMap.arrays(keys.length * 2);
    for (let slot = 0; slot < keys.length; slot++) {
      const key = keys[slot] as number;
      if (key === EMPTY) continue;
      const to = this.find(key);
      this.keys[to] = key;
      this.values[to] = values[slot] as number;
    }
  }
}
